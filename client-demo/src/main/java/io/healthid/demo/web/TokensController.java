package io.healthid.demo.web;

import io.healthid.demo.settings.DemoProperties;
import io.healthid.demo.trace.HttpExchangeRecord;
import io.healthid.demo.trace.LoginTrace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.userinfo.DefaultReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens as received, decoded, and the refresh button: PSC's access tokens live 120 s, so a relying party that
 * calls APIs refreshes often (and must expect the refresh to fail once the PSC session has ended).
 */
@Controller
public class TokensController {

    /** Session attribute of the trace of the last refresh. */
    static final String REFRESH_TRACE = "demo.trace.refresh";

    private final ServerOAuth2AuthorizedClientRepository authorizedClients;
    private final WebClientReactiveRefreshTokenTokenResponseClient refreshClient;
    private final DefaultReactiveOAuth2UserService userInfoClient;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();
    private final ServerSecurityContextRepository securityContexts = new WebSessionServerSecurityContextRepository();

    public TokensController(ServerOAuth2AuthorizedClientRepository authorizedClients,
            WebClientReactiveRefreshTokenTokenResponseClient refreshClient, DefaultReactiveOAuth2UserService userInfoClient,
            JsonMapper json) {
        this.authorizedClients = authorizedClients;
        this.refreshClient = refreshClient;
        this.userInfoClient = userInfoClient;
        this.json = json;
    }

    @GetMapping("/tokens")
    Mono<String> tokens(@RequestParam(name = "refreshed", required = false) String refreshed, WebSession session,
            Model model) {
        SignedIn signedIn = session.getAttribute(SignedIn.SESSION_ATTRIBUTE);
        if (signedIn == null) {
            return Mono.just("redirect:/");
        }
        model.addAttribute("refreshed", refreshed != null);
        model.addAttribute("idToken", JwtView.decode(signedIn.idToken(), this.json));
        model.addAttribute("accessToken", JwtView.decode(signedIn.accessToken(), this.json));
        model.addAttribute("userInfo", this.json.writerWithDefaultPrettyPrinter().writeValueAsString(signedIn.userInfo()));
        Instant expiresAt = signedIn.accessTokenExpiresAt();
        model.addAttribute("expiresAt", expiresAt);
        model.addAttribute("secondsLeft", expiresAt == null ? null
                : Math.max(0, Duration.between(this.clock.instant(), expiresAt).toSeconds()));
        return Mono.just("tokens");
    }

    @PostMapping("/tokens/refresh")
    Mono<String> refresh(ServerWebExchange exchange, Authentication authentication) {
        return this.authorizedClients.<OAuth2AuthorizedClient>loadAuthorizedClient(DemoProperties.REGISTRATION_ID,
                authentication, exchange)
            .zipWith(exchange.getSession())
            .flatMap(loaded -> {
                OAuth2AuthorizedClient client = loaded.getT1();
                WebSession session = loaded.getT2();
                SignedIn signedIn = session.getAttribute(SignedIn.SESSION_ATTRIBUTE);
                if (signedIn == null || client.getRefreshToken() == null) {
                    return Mono.just("redirect:/tokens");
                }
                return this.refreshClient.getTokenResponse(new OAuth2RefreshTokenGrantRequest(client.getClientRegistration(),
                        client.getAccessToken(), client.getRefreshToken()))
                    .flatMap(response -> save(exchange, authentication, client, response)
                        .then(this.userInfoClient.loadUser(new OAuth2UserRequest(client.getClientRegistration(),
                                response.getAccessToken())))
                        .flatMap(user -> {
                            Object idToken = response.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
                            session.getAttributes().put(SignedIn.SESSION_ATTRIBUTE, signedIn.withRefresh(
                                    idToken == null ? null : idToken.toString(), response.getAccessToken().getTokenValue(),
                                    response.getAccessToken().getExpiresAt(), Map.copyOf(user.getAttributes()),
                                    this.clock.instant()));
                            return (idToken == null ? Mono.<Void>empty()
                                    : replaceIdToken(exchange, authentication, idToken.toString()))
                                .thenReturn("redirect:/tokens?refreshed=1");
                        }))
                    .onErrorResume(OAuth2AuthorizationException.class, ex -> {
                        session.getAttributes().put(SignedIn.SESSION_ATTRIBUTE,
                                signedIn.withRefreshError(ex.getError().getErrorCode()));
                        return Mono.just("redirect:/tokens?refused");
                    })
                    .doFinally(signal -> session.getAttributes().put(REFRESH_TRACE,
                            new ArrayList<HttpExchangeRecord>(LoginTrace.of(exchange).exchanges())));
            })
            .defaultIfEmpty("redirect:/");
    }

    /**
     * The identity provider knows only the latest ID token of a session: RP-initiated logout must send that one as
     * {@code id_token_hint}, so the signed-in principal (where Spring's logout takes the hint) gets the new token.
     */
    private Mono<Void> replaceIdToken(ServerWebExchange exchange, Authentication authentication, String idToken) {
        if (!(authentication instanceof OAuth2AuthenticationToken token) || !(token.getPrincipal() instanceof OidcUser user)) {
            return Mono.empty();
        }
        Map<String, Object> claims = JwtView.decode(idToken, this.json).claims();
        if (claims.isEmpty()) {
            return Mono.empty();
        }
        Instant issuedAt = claims.get("iat") instanceof Number iat ? Instant.ofEpochSecond(iat.longValue()) : null;
        Instant expiresAt = claims.get("exp") instanceof Number exp ? Instant.ofEpochSecond(exp.longValue()) : null;
        OidcUser refreshed = new DefaultOidcUser(user.getAuthorities(), new OidcIdToken(idToken, issuedAt, expiresAt, claims),
                user.getUserInfo(), "SubjectNameID");
        OAuth2AuthenticationToken replaced = new OAuth2AuthenticationToken(refreshed, token.getAuthorities(),
                token.getAuthorizedClientRegistrationId());
        return this.securityContexts.save(exchange, new SecurityContextImpl(replaced));
    }

    private Mono<Void> save(ServerWebExchange exchange, Authentication authentication, OAuth2AuthorizedClient client,
            OAuth2AccessTokenResponse response) {
        OAuth2AuthorizedClient refreshed = new OAuth2AuthorizedClient(client.getClientRegistration(),
                client.getPrincipalName(), response.getAccessToken(),
                response.getRefreshToken() != null ? response.getRefreshToken() : client.getRefreshToken());
        return this.authorizedClients.saveAuthorizedClient(refreshed, authentication, exchange);
    }
}
