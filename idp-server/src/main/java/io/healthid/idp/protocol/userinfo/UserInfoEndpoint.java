package io.healthid.idp.protocol.userinfo;

import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.idp.claims.ProfileClaims;
import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.protocol.BearerTokens;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.settings.IdpProperties;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The userinfo endpoint (GET and POST). Nimbus verifies the access token's signature, issuer and expiry; SAS's provider
 * checks it is still active in the store and carries {@code openid}; the directory adds the practitioner's claims.
 * Plain JSON by default, a signed JWT for clients registered with {@code userinfo_signed_response_alg}.
 */
public class UserInfoEndpoint {

    private final ProtocolCore core;
    private final ReactiveJwtDecoder accessTokenDecoder;
    private final JwtEncoder encoder;
    private final RegisteredClientRepository clients;
    private final Optional<DirectoryClaims> directoryClaims;
    private final IdpProperties.Limits limits;
    private final CertificateBoundTokens boundTokens;
    private final Clock clock;

    public UserInfoEndpoint(ProtocolCore core, ReactiveJwtDecoder accessTokenDecoder, JwtEncoder encoder,
            RegisteredClientRepository clients, Optional<DirectoryClaims> directoryClaims, IdpProperties.Limits limits,
            Clock clock, PresentedCertificateConverter certificates) {
        this.boundTokens = new CertificateBoundTokens(certificates);
        this.core = core;
        this.accessTokenDecoder = accessTokenDecoder;
        this.encoder = encoder;
        this.clients = clients;
        this.directoryClaims = directoryClaims;
        this.limits = limits;
        this.clock = clock;
    }

    public Mono<ServerResponse> userinfo(ServerRequest request) {
        return BearerTokens.read(request, this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(token -> this.accessTokenDecoder.decode(token)
                .onErrorMap(JwtException.class, ex -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN))
                .doOnNext(jwt -> this.boundTokens.check(jwt, request.exchange()))
                .flatMap(jwt -> this.core.authenticate(new OidcUserInfoAuthenticationToken(new JwtAuthenticationToken(jwt, List.of()))))
                .cast(OidcUserInfoAuthenticationToken.class)
                .flatMap(result -> withDirectoryClaims(result.getUserInfo().getClaims())
                    .flatMap(claims -> respond(clientOf(result), claims))))
            .switchIfEmpty(Mono.defer(() -> BearerTokens.challenge(HttpStatus.UNAUTHORIZED, null, null)))
            .onErrorResume(OAuth2AuthenticationException.class, ex -> {
                String code = ex.getError().getErrorCode();
                if (OAuth2ErrorCodes.INVALID_REQUEST.equals(code)) {
                    return BearerTokens.challenge(HttpStatus.BAD_REQUEST, code, ex.getError().getDescription());
                }
                if (OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(code)) {
                    return BearerTokens.challenge(HttpStatus.FORBIDDEN, code, "the access token lacks the openid scope");
                }
                if (OAuthErrorResponses.TEMPORARILY_UNAVAILABLE.equals(code)) {
                    return OAuthErrorResponses.json(ex.getError());
                }
                return BearerTokens.challenge(HttpStatus.UNAUTHORIZED, OAuth2ErrorCodes.INVALID_TOKEN,
                        "the access token is not valid");
            });
    }

    private Mono<Map<String, Object>> withDirectoryClaims(Map<String, Object> identity) {
        Map<String, Object> claims = new LinkedHashMap<>(identity);
        return this.directoryClaims
            .map(source -> source.claimsFor((String) identity.get("SubjectNameID")).map(directory -> {
                directory.forEach(claims::putIfAbsent);
                ProfileClaims.addName(claims);
                return claims;
            }).defaultIfEmpty(claims))
            .orElse(Mono.just(claims));
    }

    private RegisteredClient clientOf(OidcUserInfoAuthenticationToken result) {
        JwtAuthenticationToken accessToken = (JwtAuthenticationToken) result.getPrincipal();
        String clientId = accessToken.getToken().getClaimAsString("azp");
        return clientId == null ? null : this.clients.findByClientId(clientId);
    }

    private Mono<ServerResponse> respond(RegisteredClient client, Map<String, Object> claims) {
        String algorithm = client == null ? null
                : client.getClientSettings().getSetting(RegisteredClientMapper.USERINFO_SIGNED_RESPONSE_ALG);
        if (algorithm == null) {
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(claims);
        }
        // OIDC Core 5.3.2: a signed userinfo response carries iss and aud
        JwtClaimsSet.Builder jwt = JwtClaimsSet.builder()
            .issuer(this.core.issuer())
            .audience(List.of(client.getClientId()))
            .issuedAt(this.clock.instant());
        claims.forEach(jwt::claim);
        return this.core.call(() -> this.encoder.encode(JwtEncoderParameters.from(
                    JwsHeader.with(SignatureAlgorithm.from(algorithm)).type("JWT").build(), jwt.build())).getTokenValue())
            .flatMap(value -> ServerResponse.ok().contentType(new MediaType("application", "jwt"))
                .cacheControl(CacheControl.noStore()).bodyValue(value));
    }
}
