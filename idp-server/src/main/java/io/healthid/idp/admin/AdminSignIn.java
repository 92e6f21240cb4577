package io.healthid.idp.admin;

import io.healthid.idp.model.Sha256;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.session.BrowserCookies;
import io.healthid.idp.settings.Issuer;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The console signs operators in the way any relying party does: authorization code with PKCE at this IdP, the code
 * redeemed at its token endpoint over HTTP, the ID token verified against its published keys; then the national
 * identifier must be one of {@code idp.admin.operators}.
 */
class AdminSignIn {

    static final String SESSION_COOKIE = "IDP_ADMIN";
    static final String STATE_COOKIE = "IDP_ADMIN_STATE";
    private static final Logger logger = LoggerFactory.getLogger(AdminSignIn.class);
    private static final Duration TOKEN_CALL_TIMEOUT = Duration.ofSeconds(10);

    private final AdminProperties properties;
    private final AdminSessions sessions;
    private final Issuer issuer;
    private final String consoleUrl;
    private final WebClient http;
    private final NimbusReactiveJwtDecoder idTokens;
    private final boolean secureCookies;

    AdminSignIn(AdminProperties properties, AdminSessions sessions, Issuer issuer, String baseUrl) {
        this.properties = properties;
        this.sessions = sessions;
        this.issuer = issuer;
        this.consoleUrl = baseUrl + AdminConfiguration.PATH;
        this.http = WebClient.builder().build();
        this.idTokens = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.url(Issuer.JWKS))
            .jwsAlgorithms(algorithms -> {
                algorithms.add(SignatureAlgorithm.RS256);
                algorithms.add(SignatureAlgorithm.ES256);
            })
            .build();
        this.idTokens.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer.value()),
                new JwtClaimValidator<List<String>>("aud", audience -> audience != null
                        && audience.contains(properties.clientId()))));
        this.secureCookies = baseUrl.startsWith("https:");
    }

    String redirectUri() {
        return this.consoleUrl + "/callback";
    }

    /** To the IdP's authorization endpoint, remembering state, nonce and PKCE verifier. */
    Mono<ServerResponse> start() {
        return this.sessions.startSignIn().flatMap(pending -> ServerResponse.status(HttpStatus.FOUND)
            .location(UriComponentsBuilder.fromUriString(this.issuer.url(Issuer.AUTHORIZATION))
                .queryParam("response_type", "code")
                .queryParam("client_id", this.properties.clientId())
                .queryParam("redirect_uri", redirectUri())
                .queryParam("scope", "openid")
                .queryParam("state", pending.state())
                .queryParam("nonce", pending.nonce())
                .queryParam("acr_values", "eidas1")
                .queryParam("code_challenge", challenge(pending.verifier()))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUri())
            .cookie(cookie(STATE_COOKIE, pending.state(), AdminSessions.SIGN_IN_TIMEOUT))
            .build());
    }

    Mono<ServerResponse> callback(ServerRequest request) {
        String state = request.queryParam("state").orElse("");
        HttpCookie browserState = request.cookies().getFirst(STATE_COOKIE);
        String code = request.queryParam("code").orElse(null);
        if (code == null || browserState == null || !browserState.getValue().equals(state)) {
            return refused(HttpStatus.BAD_REQUEST, "admin.signin-failed.message");
        }
        return this.sessions.takeSignIn(state)
            .flatMap(pending -> redeem(code, pending.verifier())
                .flatMap(this.idTokens::decode)
                .filter(idToken -> pending.nonce().equals(idToken.getClaimAsString("nonce"))))
            .flatMap(idToken -> admit(idToken))
            .onErrorResume(ex -> {
                logger.warn("Console sign-in failed: " + ex.getMessage());
                return Mono.empty();
            })
            .switchIfEmpty(Mono.defer(() -> refused(HttpStatus.BAD_REQUEST, "admin.signin-failed.message")));
    }

    Mono<ServerResponse> signOut(ServerRequest request) {
        HttpCookie session = request.cookies().getFirst(SESSION_COOKIE);
        return this.sessions.close(session == null ? null : session.getValue())
            .then(ServerResponse.status(HttpStatus.FOUND).location(URI.create(this.consoleUrl + "/signed-out"))
                .cookie(cookie(SESSION_COOKIE, "", Duration.ZERO)).build());
    }

    /** The operator's national identifier, if the request carries a console session. */
    Mono<String> operator(ServerRequest request) {
        HttpCookie session = request.cookies().getFirst(SESSION_COOKIE);
        return this.sessions.operatorOf(session == null ? null : session.getValue())
            .filter(this.properties.operators()::contains);
    }

    private Mono<ServerResponse> admit(Jwt idToken) {
        String nationalId = idToken.getClaimAsString("SubjectNameID");
        if (nationalId == null || !this.properties.operators().contains(nationalId)) {
            logger.warn("Console sign-in refused: {} is not an operator", nationalId);
            return refused(HttpStatus.FORBIDDEN, "admin.forbidden.message");
        }
        logger.info("Console sign-in: operator {}", nationalId);
        return this.sessions.open(nationalId).flatMap(secret -> ServerResponse.status(HttpStatus.FOUND)
            .location(URI.create(this.consoleUrl))
            .cookie(cookie(SESSION_COOKIE, secret, this.properties.sessionLifetime()))
            .cookie(cookie(STATE_COOKIE, "", Duration.ZERO))
            .build());
    }

    private Mono<String> redeem(String code, String verifier) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("redirect_uri", redirectUri());
        form.add("code_verifier", verifier);
        return this.http.post().uri(this.issuer.url(Issuer.TOKEN))
            .headers(headers -> headers.setBasicAuth(this.properties.clientId(), this.properties.clientSecret()))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(form))
            .retrieve()
            .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
            .timeout(TOKEN_CALL_TIMEOUT)
            .flatMap(tokens -> Mono.justOrEmpty((String) tokens.get("id_token")));
    }

    private Mono<ServerResponse> refused(HttpStatus status, String messageKey) {
        return Pages.problem(status, "admin.signin-failed.title", messageKey, null,
                Map.of("retryUri", this.consoleUrl));
    }

    private ResponseCookie cookie(String name, String value, Duration maxAge) {
        return BrowserCookies.of(name, value, AdminConfiguration.PATH, this.secureCookies).maxAge(maxAge).build();
    }

    private static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(verifier));
    }
}
