package io.healthid.idp.protocol.authorize;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.LoginSession;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import java.net.URI;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The authorization endpoint ({@code /protocol/openid-connect/auth}). SAS's provider validates the request (client,
 * exact redirect URI, scopes, PKCE, prompt) and issues the code; this handler adds what belongs to the browser: the
 * SSO session, the login detour, and error pages instead of redirects whenever the redirect URI is not trusted.
 */
public class AuthorizationEndpoint {

    private final ProtocolCore core;
    private final AuthorizationRequestConverter converter;
    private final AuthorizationResponses responses;
    private final LoginSessionStore sessions;
    private final LoginTransactionStore transactions;
    private final SessionCookies cookies;
    private final SsoPolicy ssoPolicy;
    private final IdpProperties.Limits limits;
    private final Issuer issuer;

    public AuthorizationEndpoint(ProtocolCore core, LoginSessionStore sessions, LoginTransactionStore transactions,
            SessionCookies cookies, SsoPolicy ssoPolicy, IdpProperties.Limits limits, Issuer issuer) {
        this.core = core;
        this.converter = new AuthorizationRequestConverter(issuer.url(Issuer.AUTHORIZATION));
        this.responses = new AuthorizationResponses(issuer.value());
        this.sessions = sessions;
        this.transactions = transactions;
        this.cookies = cookies;
        this.ssoPolicy = ssoPolicy;
        this.limits = limits;
        this.issuer = issuer;
    }

    public Mono<ServerResponse> authorize(ServerRequest request) {
        return RequestParameters.fromQueryOrForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> usableSession(request, parameters)
                .map(LoginSession::toAuthentication)
                .map(principal -> (Authentication) principal)
                .flatMap(principal -> issueCode(parameters, principal, null))
                .switchIfEmpty(Mono.defer(() -> issueCode(parameters, null, null))))
            .onErrorResume(OAuth2AuthenticationException.class, ex -> errorPage(ex.getError()));
    }

    /** Continues a request after its person authenticated: same validation, now with a principal. */
    public Mono<ServerResponse> resume(LoginTransaction transaction, PractitionerAuthentication principal,
            String sessionCookie) {
        return issueCode(RequestParameters.restore(transaction.parameters()), principal, sessionCookie);
    }

    private Mono<LoginSession> usableSession(ServerRequest request, RequestParameters parameters) {
        String cookie = this.cookies.read(request.exchange());
        if (cookie == null) {
            return Mono.empty();
        }
        return this.sessions.findByCookie(cookie)
            .filter(session -> this.ssoPolicy.sessionSatisfies(session, parameters));
    }

    private Mono<ServerResponse> issueCode(RequestParameters parameters, Authentication principal,
            String newSessionCookie) {
        if (parameters.has("max_age")) {
            SsoPolicy.parseMaxAge(parameters.get("max_age"));
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken request = this.converter.convert(parameters, principal);
        return this.core.authenticate(request)
            .cast(OAuth2AuthorizationCodeRequestAuthenticationToken.class)
            .flatMap(this.responses::code)
            .flatMap(response -> withCookie(response, newSessionCookie))
            .onErrorResume(OAuth2AuthorizationCodeRequestAuthenticationException.class,
                    ex -> onProviderError(ex, parameters));
    }

    private Mono<ServerResponse> withCookie(ServerResponse response, String sessionCookie) {
        if (sessionCookie == null) {
            return Mono.just(response);
        }
        return ServerResponse.from(response).cookie(this.cookies.issue(sessionCookie)).build();
    }

    private Mono<ServerResponse> onProviderError(OAuth2AuthorizationCodeRequestAuthenticationException ex,
            RequestParameters parameters) {
        OAuth2AuthorizationCodeRequestAuthenticationToken validated = ex.getAuthorizationCodeRequestAuthentication();
        if (isLoginRequired(ex)) {
            // the request is valid and only lacks an authenticated person: detour through the login page
            return this.transactions.begin(validated.getClientId(), parameters.toMap())
                .flatMap(transaction -> ServerResponse.status(HttpStatus.FOUND)
                    .location(loginPage(transaction))
                    .cacheControl(CacheControl.noStore())
                    .build());
        }
        if (validated != null && validated.getRedirectUri() != null) {
            return this.responses.error(ex.getError(), validated.getRedirectUri(), validated.getState());
        }
        return errorPage(ex.getError());
    }

    /**
     * SAS signals "valid request, no authenticated principal" as an {@code invalid_request} about the parameter
     * {@code principal}, with the validated redirect URI attached; any other error means the request itself is wrong.
     */
    static boolean isLoginRequired(OAuth2AuthorizationCodeRequestAuthenticationException ex) {
        OAuth2Error error = ex.getError();
        return OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode()) && error.getDescription() != null
                && error.getDescription().endsWith("principal")
                && ex.getAuthorizationCodeRequestAuthentication() != null;
    }

    private URI loginPage(LoginTransaction transaction) {
        return UriComponentsBuilder.fromUriString(this.issuer.url(Issuer.LOGIN))
            .queryParam("tx", transaction.id())
            .build(true)
            .toUri();
    }

    private static Mono<ServerResponse> errorPage(OAuth2Error error) {
        String detail = error.getDescription() == null ? error.getErrorCode() : error.getErrorCode() + ": " + error.getDescription();
        return Pages.problem(HttpStatus.BAD_REQUEST, "page.request-invalid.title", "page.request-invalid.message", detail,
                Map.of());
    }
}
