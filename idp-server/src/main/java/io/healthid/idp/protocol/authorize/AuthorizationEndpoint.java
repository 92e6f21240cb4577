package io.healthid.idp.protocol.authorize;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.LoginSession;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.session.LoginTransactionLimiter;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
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
    private final LoginTransactionLimiter limiter;
    private final AuthorizationErrorPage errorPage = new AuthorizationErrorPage();

    public AuthorizationEndpoint(ProtocolCore core, LoginSessionStore sessions, LoginTransactionStore transactions,
            SessionCookies cookies, SsoPolicy ssoPolicy, IdpProperties.Limits limits, Issuer issuer,
            LoginTransactionLimiter limiter) {
        this.limiter = limiter;
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
                .flatMap(principal -> issueCode(parameters, principal, null, null))
                .switchIfEmpty(Mono.defer(() -> issueCode(parameters, null, null, request.exchange().getRequest().getRemoteAddress()))))
            .onErrorResume(OAuth2AuthenticationException.class, ex -> errorPage(ex.getError(), request));
    }

    /** Continues a request after its person authenticated: same validation, now with a principal. */
    public Mono<ServerResponse> resume(LoginTransaction transaction, PractitionerAuthentication principal,
            String sessionCookie) {
        return issueCode(RequestParameters.restore(transaction.parameters()), principal, sessionCookie, null);
    }

    private Mono<LoginSession> usableSession(ServerRequest request, RequestParameters parameters) {
        String cookie = this.cookies.read(request.exchange());
        if (cookie == null) {
            return Mono.empty();
        }
        return this.sessions.findByCookie(cookie)
            .filter(session -> this.ssoPolicy.sessionSatisfies(session, parameters));
    }

    /** @param address who asks, for the login transaction limit; {@code null} once a person is authenticated */
    private Mono<ServerResponse> issueCode(RequestParameters parameters, Authentication principal,
            String newSessionCookie, InetSocketAddress address) {
        if (parameters.has("max_age")) {
            SsoPolicy.parseMaxAge(parameters.get("max_age"));
        }
        OAuth2AuthorizationCodeRequestAuthenticationToken request = this.converter.convert(parameters, principal);
        ResponseModes mode = ResponseModes.of(parameters);
        return this.core.authenticate(request)
            .cast(OAuth2AuthorizationCodeRequestAuthenticationToken.class)
            .flatMap(result -> this.responses.code(result, mode))
            .flatMap(response -> withCookie(response, newSessionCookie))
            .onErrorResume(OAuth2AuthorizationCodeRequestAuthenticationException.class,
                    ex -> onProviderError(ex, parameters, mode, address));
    }

    private Mono<ServerResponse> withCookie(ServerResponse response, String sessionCookie) {
        if (sessionCookie == null) {
            return Mono.just(response);
        }
        return ServerResponse.from(response).cookie(this.cookies.issue(sessionCookie)).build();
    }

    private Mono<ServerResponse> onProviderError(OAuth2AuthorizationCodeRequestAuthenticationException ex,
            RequestParameters parameters, ResponseModes mode, InetSocketAddress address) {
        OAuth2AuthorizationCodeRequestAuthenticationToken validated = ex.getAuthorizationCodeRequestAuthentication();
        if (isLoginRequired(ex)) {
            // the request is valid and only lacks an authenticated person: detour through the login page, keeping
            // only the parameters the login and its resumption read, within a bounded size
            Map<String, List<String>> kept = StoredAuthorizationParameters.keep(parameters);
            if (kept == null) {
                return this.errorPage.render(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, "the request is too large",
                        null), false);
            }
            return this.limiter.tryAcquire(address)
                .flatMap(allowed -> !allowed ? rateLimitedPage()
                        : this.transactions.begin(validated.getClientId(), kept)
                            .flatMap(transaction -> ServerResponse.status(HttpStatus.FOUND)
                                .location(loginPage(transaction))
                                .cacheControl(CacheControl.noStore())
                                .build()));
        }
        if (validated != null && validated.getRedirectUri() != null) {
            return this.responses.error(ex.getError(), validated.getRedirectUri(), validated.getState(), mode);
        }
        return this.errorPage.render(ex.getError(), parameters.has("request"));
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

    private static Mono<ServerResponse> rateLimitedPage() {
        return Pages.problem(HttpStatus.TOO_MANY_REQUESTS, "page.rate-limited.title", "reason.RATE_LIMITED",
                ReasonCode.RATE_LIMITED.name(), Map.of());
    }

    private Mono<ServerResponse> errorPage(OAuth2Error error, ServerRequest request) {
        return RequestParameters.fromQueryOrForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .map(parameters -> parameters.has("request"))
            .onErrorReturn(false)
            .flatMap(requestObjectSent -> this.errorPage.render(error, requestObjectSent));
    }
}
