package io.healthid.idp.login;

import io.healthid.idp.authn.AuthenticationEvent;
import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.authorize.AuthorizationEndpoint;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Where every authenticator ends. Success: the directory check, a new SSO session, one event, and the authorization
 * request resumes to the relying party. Failure: one event with its reason code and a page telling the person what to
 * do; the login transaction survives, so they can retry or pick another means.
 */
public class LoginCompletion {

    private final LoginTransactionStore transactions;
    private final LoginSessionStore sessions;
    private final SessionCookies cookies;
    private final AuthorizationEndpoint authorizationEndpoint;
    private final AuthenticationEvents events;
    private final Optional<PractitionerVerifier> verifier;
    private final Issuer issuer;
    private final Clock clock;

    public LoginCompletion(LoginTransactionStore transactions, LoginSessionStore sessions, SessionCookies cookies,
            AuthorizationEndpoint authorizationEndpoint, AuthenticationEvents events,
            Optional<PractitionerVerifier> verifier, Issuer issuer, Clock clock) {
        this.transactions = transactions;
        this.sessions = sessions;
        this.cookies = cookies;
        this.authorizationEndpoint = authorizationEndpoint;
        this.events = events;
        this.verifier = verifier;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * @param means the authenticator that verified the person: the method and acr the session records are its own,
     *        never the caller's say-so
     */
    public Mono<ServerResponse> succeed(ServerRequest request, String transactionId, Authenticator means, String nationalId) {
        AuthMethod method = means.method();
        String acr = means.acr();
        return this.transactions.find(transactionId)
            .flatMap(transaction -> this.verifier.map(v -> v.verify(nationalId, method)).orElse(Mono.just(ReasonCode.OK))
                .flatMap(verdict -> verdict.isSuccess()
                        ? openSession(request, transaction, method, acr, nationalId)
                        : fail(request, transaction, method, verdict, nationalId, Map.of())))
            .switchIfEmpty(Mono.defer(() -> expired(request, method, nationalId)));
    }

    public Mono<ServerResponse> fail(ServerRequest request, String transactionId, AuthMethod method, ReasonCode reason,
            String nationalId) {
        return fail(request, transactionId, method, reason, nationalId, Map.of());
    }

    /** As {@link #fail(ServerRequest, String, AuthMethod, ReasonCode, String)}, with more for the page ({@code hint}). */
    public Mono<ServerResponse> fail(ServerRequest request, String transactionId, AuthMethod method, ReasonCode reason,
            String nationalId, Map<String, Object> page) {
        return this.transactions.find(transactionId)
            .flatMap(transaction -> fail(request, transaction, method, reason, nationalId, page))
            .switchIfEmpty(Mono.defer(() -> expired(request, method, nationalId)));
    }

    private Mono<ServerResponse> openSession(ServerRequest request, LoginTransaction found, AuthMethod method, String acr,
            String nationalId) {
        // take() makes the transaction single-use: a second completion (double submit, replay) finds nothing
        return this.transactions.take(found.id())
            .flatMap(transaction -> this.sessions.create(nationalId, method, acr)
                .flatMap(created -> removePreviousSession(request).then(publish(transaction, method, ReasonCode.OK, nationalId))
                    .then(this.authorizationEndpoint.resume(transaction, created.session().toAuthentication(),
                            created.cookieSecret()))))
            .switchIfEmpty(Mono.defer(() -> expired(request, method, nationalId)));
    }

    private Mono<Void> removePreviousSession(ServerRequest request) {
        String previous = this.cookies.read(request.exchange());
        return previous == null ? Mono.empty()
                : this.sessions.findByCookie(previous).flatMap(session -> this.sessions.remove(session.id()));
    }

    private Mono<ServerResponse> fail(ServerRequest request, LoginTransaction transaction, AuthMethod method,
            ReasonCode reason, String nationalId, Map<String, Object> page) {
        String retry = link(Issuer.LOGIN, transaction);
        String cancel = link(LoginPage.CANCEL, transaction);
        return publish(transaction, method, reason, nationalId)
            .then(Pages.problem(statusOf(reason), "page.signin-failed.title", reason.messageKey(), reason.name(),
                    withLinks(page, retry, cancel)));
    }

    private static Map<String, Object> withLinks(Map<String, Object> page, String retry, String cancel) {
        Map<String, Object> model = new LinkedHashMap<>(page);
        model.put("retryUri", retry);
        model.put("cancelUri", cancel);
        return model;
    }

    private Mono<ServerResponse> expired(ServerRequest request, AuthMethod method, String nationalId) {
        return this.events.publish(new AuthenticationEvent(this.clock.instant(), method, ReasonCode.SESSION_EXPIRED, null,
                    nationalId, Duration.ZERO))
            .then(LoginPage.expiredPage());
    }

    Mono<Void> publish(LoginTransaction transaction, AuthMethod method, ReasonCode reason, String nationalId) {
        return this.events.publish(new AuthenticationEvent(this.clock.instant(), method, reason, transaction.clientId(),
                nationalId, Duration.between(transaction.startedAt(), this.clock.instant())));
    }

    private String link(String endpoint, LoginTransaction transaction) {
        return UriComponentsBuilder.fromUriString(this.issuer.url(endpoint)).queryParam("tx", transaction.id()).build(true).toUriString();
    }

    private static HttpStatus statusOf(ReasonCode reason) {
        return switch (reason) {
            case DIRECTORY_UNAVAILABLE, CARD_REVOCATION_UNKNOWN -> HttpStatus.SERVICE_UNAVAILABLE;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.UNAUTHORIZED;
        };
    }
}
