package io.healthid.idp.login;

import io.healthid.idp.authn.AuthenticationEvent;
import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.authorize.AuthorizationResponses;
import io.healthid.idp.protocol.authorize.ResponseModes;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.settings.Issuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

/**
 * The login page: lists the means that apply to this browser and request. A means that is present (a card in the
 * reader) takes precedence: the person goes straight to it and the others are not offered, as PSC does.
 */
public class LoginPage {

    public static final String CANCEL = "/login-actions/cancel";

    private final LoginTransactionStore transactions;
    private final List<Authenticator> authenticators;
    private final RegisteredClientRepository clients;
    private final AuthorizationResponses responses;
    private final AuthenticationEvents events;
    private final Clock clock;
    private final Issuer issuer;

    public LoginPage(LoginTransactionStore transactions, List<Authenticator> authenticators,
            RegisteredClientRepository clients, Issuer issuer, AuthenticationEvents events, Clock clock) {
        this.transactions = transactions;
        this.authenticators = authenticators.stream().sorted(Comparator.comparingInt(Authenticator::priority)).toList();
        this.clients = clients;
        this.responses = new AuthorizationResponses(issuer.value());
        this.events = events;
        this.clock = clock;
        this.issuer = issuer;
    }

    public Mono<ServerResponse> show(ServerRequest request) {
        return request.queryParam("tx").map(this.transactions::find).orElse(Mono.empty())
            .flatMap(transaction -> Flux.fromIterable(this.authenticators)
                .concatMap(authenticator -> authenticator.availability(request.exchange(), transaction)
                    .map(availability -> Tuples.of(authenticator, availability)))
                .filter(pair -> pair.getT2() != Authenticator.Availability.UNAVAILABLE)
                .collectList()
                .flatMap(available -> render(transaction, available)))
            .switchIfEmpty(Mono.defer(LoginPage::expiredPage));
    }

    /** The person gives up: the relying party gets {@code access_denied}, as OAuth says it should. */
    public Mono<ServerResponse> cancel(ServerRequest request) {
        return request.queryParam("tx").map(this.transactions::take).orElse(Mono.empty())
            .flatMap(transaction -> {
                RegisteredClient client = this.clients.findByClientId(transaction.clientId());
                String redirectUri = transaction.first("redirect_uri");
                if (redirectUri == null && client != null) {
                    redirectUri = client.getRedirectUris().iterator().next();
                }
                if (client == null || redirectUri == null) {
                    return expiredPage();
                }
                OAuth2Error denied = new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "The person cancelled the login", null);
                return this.events.publish(new AuthenticationEvent(this.clock.instant(), lastMethod(), ReasonCode.USER_CANCELLED,
                            transaction.clientId(), null, Duration.between(transaction.startedAt(), this.clock.instant())))
                    .then(this.responses.error(denied, redirectUri, transaction.first("state"),
                            ResponseModes.of(RequestParameters.restore(transaction.parameters()))));
            })
            .switchIfEmpty(Mono.defer(LoginPage::expiredPage));
    }

    private Mono<ServerResponse> render(LoginTransaction transaction,
            List<Tuple2<Authenticator, Authenticator.Availability>> available) {
        for (Tuple2<Authenticator, Authenticator.Availability> pair : available) {
            if (pair.getT2() == Authenticator.Availability.PRESENT) {
                return ServerResponse.status(HttpStatus.FOUND).location(URI.create(pair.getT1().startUri(transaction))).build();
            }
            if (pair.getT2() == Authenticator.Availability.DETECT) {
                return ServerResponse.status(HttpStatus.FOUND).location(URI.create(pair.getT1().detectUri(transaction))).build();
            }
        }
        if (available.isEmpty()) {
            return Pages.problem(HttpStatus.SERVICE_UNAVAILABLE, "page.no-authenticator.title",
                    "page.no-authenticator.message", "NO_AUTHENTICATOR", Map.of());
        }
        RegisteredClient client = this.clients.findByClientId(transaction.clientId());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("clientName", client == null ? transaction.clientId() : client.getClientName());
        model.put("methods", available.stream()
            .map(pair -> Map.of("uri", pair.getT1().startUri(transaction), "method", pair.getT1().method().name()))
            .toList());
        model.put("cancelUri", this.issuer.url(CANCEL) + "?tx=" + transaction.id());
        return Pages.render(HttpStatus.OK, "login", model);
    }

    private AuthMethod lastMethod() {
        // a cancelled login has no means yet; count it under the first means offered so the label set stays closed
        return this.authenticators.isEmpty() ? AuthMethod.CARD : this.authenticators.get(0).method();
    }

    static Mono<ServerResponse> expiredPage() {
        return Pages.problem(HttpStatus.BAD_REQUEST, "page.expired.title", ReasonCode.SESSION_EXPIRED.messageKey(),
                ReasonCode.SESSION_EXPIRED.name(), Map.of());
    }
}
