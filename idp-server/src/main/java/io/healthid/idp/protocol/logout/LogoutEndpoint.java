package io.healthid.idp.protocol.logout;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.AnonymousPrincipal;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.FormTokens;
import io.healthid.idp.session.LoginSession;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.IdpProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). SAS's provider checks the {@code id_token_hint} was
 * issued by us to this client, the post-logout URI is registered for it (exact match) and, when the browser still has a
 * session, that the hint belongs to it. We then close the SSO session the hint was issued in, revoke the hint's tokens,
 * and either redirect to the registered URI with {@code state} or show a "session closed" page.
 */
public class LogoutEndpoint {

    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);
    /** The confirmation form's anti-CSRF purpose (RP-Initiated Logout 1.0 section 6: without a hint, the person is asked). */
    private static final String CONFIRM_PURPOSE = "logout-confirm";

    private final ProtocolCore core;
    private final OAuth2AuthorizationService authorizations;
    private final LoginSessionStore sessions;
    private final SessionCookies cookies;
    private final IdpProperties.Limits limits;

    public LogoutEndpoint(ProtocolCore core, OAuth2AuthorizationService authorizations, LoginSessionStore sessions,
            SessionCookies cookies, IdpProperties.Limits limits) {
        this.core = core;
        this.authorizations = authorizations;
        this.sessions = sessions;
        this.cookies = cookies;
        this.limits = limits;
    }

    public Mono<ServerResponse> logout(ServerRequest request) {
        String cookie = this.cookies.read(request.exchange());
        Mono<LoginSession> browserSession = cookie == null ? Mono.empty() : this.sessions.findByCookie(cookie);
        return RequestParameters.fromQueryOrForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> browserSession.map(LoginSession::toAuthentication).map(person -> (Authentication) person)
                .defaultIfEmpty(AnonymousPrincipal.INSTANCE)
                .flatMap(principal -> parameters.has("id_token_hint")
                        ? logoutWithHint(parameters, principal)
                        : logoutWithoutHint(request, parameters, principal, cookie)))
            .onErrorResume(OAuth2AuthenticationException.class, ex -> Pages.problem(HttpStatus.BAD_REQUEST,
                    "page.logout-invalid.title", "page.logout-invalid.message", ex.getError().getErrorCode(), Map.of()));
    }

    private Mono<ServerResponse> logoutWithHint(RequestParameters parameters, Authentication principal) {
        String hint = parameters.get("id_token_hint");
        String sessionId = principal instanceof PractitionerAuthentication person ? person.getSessionId() : null;
        OidcLogoutAuthenticationToken request = new OidcLogoutAuthenticationToken(hint, principal, sessionId,
                parameters.get("client_id"), parameters.get("post_logout_redirect_uri"), parameters.get("state"));
        return this.core.authenticate(request)
            .cast(OidcLogoutAuthenticationToken.class)
            .flatMap(validated -> this.core.call(() -> revokeHintFamily(hint))
                .flatMap(issuedTo -> this.sessions.remove(issuedTo))
                .then(closeBrowserSession(principal))
                .then(validated.getPostLogoutRedirectUri() == null ? closedPage()
                        : redirect(validated.getPostLogoutRedirectUri(), validated.getState())));
    }

    /**
     * Without a hint nobody vouches that the person wants to leave (a cross-site GET would do): ask, with a form that
     * posts back an anti-CSRF token; only that POST ends the session.
     */
    private Mono<ServerResponse> logoutWithoutHint(ServerRequest request, RequestParameters parameters,
            Authentication principal, String cookie) {
        if (!(principal instanceof PractitionerAuthentication)) {
            return closedPage();
        }
        String expected = FormTokens.tokenFor(CONFIRM_PURPOSE, cookie);
        if (HttpMethod.POST.equals(request.method()) && FormTokens.matches(expected, parameters.get("confirm"))) {
            return closeBrowserSession(principal).then(closedPage());
        }
        return Pages.render(HttpStatus.OK, "logout-confirm", Map.of("action", request.path(), "confirm", expected));
    }

    /** Removes the authorization the ID token came from and returns the SSO session it was issued in. */
    private String revokeHintFamily(String idToken) {
        OAuth2Authorization authorization = this.authorizations.findByToken(idToken, ID_TOKEN);
        if (authorization == null) {
            return "";
        }
        this.authorizations.remove(authorization);
        Principal principal = authorization.getAttribute(Principal.class.getName());
        return principal instanceof PractitionerAuthentication person ? person.getSessionId() : "";
    }

    private Mono<Void> closeBrowserSession(Authentication principal) {
        return principal instanceof PractitionerAuthentication person && person.getSessionId() != null
                ? this.sessions.remove(person.getSessionId()) : Mono.empty();
    }

    private Mono<ServerResponse> redirect(String postLogoutRedirectUri, String state) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(postLogoutRedirectUri);
        if (state != null) {
            uri.queryParam("state", UriUtils.encode(state, StandardCharsets.UTF_8));
        }
        return ServerResponse.status(HttpStatus.FOUND)
            .location(URI.create(uri.build(true).toUriString()))
            .cookie(this.cookies.clear())
            .cacheControl(CacheControl.noStore())
            .build();
    }

    private Mono<ServerResponse> closedPage() {
        return Pages.problem(HttpStatus.OK, "page.logout-closed.title", "page.logout-closed.message", null, Map.of(),
                this.cookies.clear());
    }
}
