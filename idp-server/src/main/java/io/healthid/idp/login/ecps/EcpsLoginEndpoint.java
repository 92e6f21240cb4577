package io.healthid.idp.login.ecps;

import io.healthid.idp.authn.ecps.EcpsAuthenticator;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.ClientAddresses;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionSecrets;
import io.healthid.idp.settings.Issuer;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.ParsedNationalId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * e-CPS in the browser: the national id form, the push (303 to the waiting page), the waiting page that shows the
 * number to pick on the phone, and its wake-up (server-sent events fed by Redis pub/sub, so any node can finish).
 * Without JavaScript, reloading the waiting page continues once the phone has answered.
 */
public class EcpsLoginEndpoint {

    public static final String WAIT_PATH = EcpsAuthenticator.LOGIN_PATH + "/wait";
    public static final String EVENTS_PATH = EcpsAuthenticator.LOGIN_PATH + "/events";
    private static final Pattern ANDROID = Pattern.compile("Android (\\d+)");
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final LoginTransactionStore transactions;
    private final RegisteredClientRepository clients;
    private final ChallengeService challenges;
    private final LoginCompletion completion;
    private final EcpsAuthenticator authenticator;
    private final BrowserBinding binding;
    private final Issuer issuer;
    private final Clock clock;

    public EcpsLoginEndpoint(LoginTransactionStore transactions, RegisteredClientRepository clients,
            ChallengeService challenges, LoginCompletion completion, EcpsAuthenticator authenticator, BrowserBinding binding,
            Issuer issuer, Clock clock) {
        this.transactions = transactions;
        this.clients = clients;
        this.challenges = challenges;
        this.completion = completion;
        this.authenticator = authenticator;
        this.binding = binding;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** {@code GET}: the form (for a login page that links here rather than embedding it). */
    public Mono<ServerResponse> form(ServerRequest request) {
        String tx = request.queryParam("tx").orElse("");
        return this.transactions.find(tx)
            .flatMap(transaction -> renderForm(request, transaction, HttpStatus.OK, null))
            .switchIfEmpty(Mono.defer(() -> this.completion.fail(request, tx, AuthMethod.MOBILE, ReasonCode.SESSION_EXPIRED, null)));
    }

    /** {@code POST nationalId}: pushes to the person's phones and sends the browser to the waiting page. */
    public Mono<ServerResponse> start(ServerRequest request) {
        String tx = request.queryParam("tx").orElse("");
        return request.formData().flatMap(form -> this.transactions.find(tx)
            .flatMap(transaction -> {
                ParsedNationalId parsed = NationalId.parse(form.getFirst("nationalId"));
                if (!(parsed instanceof ParsedNationalId.Valid valid)) {
                    return renderForm(request, transaction, HttpStatus.BAD_REQUEST, "ecps.login.invalid-id");
                }
                String nationalId = valid.id().idNat();
                String secret = this.binding.secretOf(request.exchange());
                RegisteredClient client = this.clients.findByClientId(transaction.clientId());
                return this.challenges.start(new ChallengeService.Request(Challenge.Kind.BROWSER, nationalId,
                            transaction.clientId(), client == null ? transaction.clientId() : client.getClientName(), null,
                            ClientAddresses.of(request), transaction.id(),
                            SessionSecrets.idOf(secret)))
                    .flatMap(challenge -> ServerResponse.seeOther(waitUri(transaction.id(), challenge.id()))
                        .cookie(this.binding.cookie(secret))
                        .cookie(this.binding.lastMethod(AuthMethod.MOBILE))
                        .build())
                    .onErrorResume(EcpsRefusal.class, refusal -> fail(request, transaction.id(), refusal.reason(), nationalId));
            })
            .switchIfEmpty(Mono.defer(() -> this.completion.fail(request, tx, AuthMethod.MOBILE, ReasonCode.SESSION_EXPIRED, null))));
    }

    /** {@code GET}: the number while the phone has not answered; the relying party or the failure page after. */
    public Mono<ServerResponse> await(ServerRequest request) {
        String tx = request.queryParam("tx").orElse("");
        return boundChallenge(request, tx)
            .flatMap(found -> found.isFinal() || !found.challenge().isExpired(this.clock.instant())
                    ? Mono.just(found) : this.challenges.timeout(found.challenge().id()))
            .flatMap(state -> switch (state.status()) {
                case PENDING -> renderWait(request, state.challenge());
                case APPROVED -> this.challenges.use(state.challenge().id())
                    .flatMap(won -> won ? this.completion.succeed(request, tx, this.authenticator,
                            state.challenge().nationalId()) : expired(request, tx));
                case REFUSED -> this.challenges.settleRefusal(state.challenge().id())
                    .flatMap(first -> first ? fail(request, tx, state.reason(), state.challenge().nationalId()) : expired(request, tx));
                case USED -> expired(request, tx);
            })
            .switchIfEmpty(Mono.defer(() -> expired(request, tx)));
    }

    /** {@code GET}: server-sent events; one {@code settled} event when the phone has answered or time is up. */
    public Mono<ServerResponse> events(ServerRequest request) {
        String tx = request.queryParam("tx").orElse("");
        return boundChallenge(request, tx)
            .flatMap(state -> {
                Flux<ServerSentEvent<String>> settled = this.challenges.outcome(state.challenge().id())
                    .map(outcome -> ServerSentEvent.builder(outcome.status().name().toLowerCase(Locale.ROOT)).event("settled").build())
                    .flux();
                Flux<ServerSentEvent<String>> heartbeat = Flux.interval(HEARTBEAT)
                    .map(tick -> ServerSentEvent.<String>builder().comment("waiting").build());
                return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(BodyInserters.fromServerSentEvents(Flux.merge(settled, heartbeat)
                        .takeUntil(event -> "settled".equals(event.event()))));
            })
            .switchIfEmpty(Mono.defer(() -> ServerResponse.status(HttpStatus.NOT_FOUND).build()));
    }

    /** The challenge of this transaction, only for the browser that started it. */
    private Mono<Challenge.State> boundChallenge(ServerRequest request, String tx) {
        return Mono.justOrEmpty(request.queryParam("challenge"))
            .flatMap(this.challenges::find)
            .filter(state -> state.challenge().kind() == Challenge.Kind.BROWSER && tx.equals(state.challenge().transactionId())
                    && this.binding.matches(request.exchange(), state.challenge().browserBinding()));
    }

    private Mono<ServerResponse> fail(ServerRequest request, String tx, ReasonCode reason, String nationalId) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (reason == ReasonCode.ECPS_TIMEOUT && isAndroid15OrLater(request)) {
            extra.put("hintKey", "ecps.login.android-battery");
        }
        return this.completion.fail(request, tx, AuthMethod.MOBILE, reason, nationalId, extra);
    }

    private Mono<ServerResponse> expired(ServerRequest request, String tx) {
        return this.completion.fail(request, tx, AuthMethod.MOBILE, ReasonCode.SESSION_EXPIRED, null);
    }

    static boolean isAndroid15OrLater(ServerRequest request) {
        String agent = request.headers().firstHeader("User-Agent");
        Matcher matcher = agent == null ? null : ANDROID.matcher(agent);
        return matcher != null && matcher.find() && Integer.parseInt(matcher.group(1)) >= 15;
    }

    private Mono<ServerResponse> renderForm(ServerRequest request, LoginTransaction transaction, HttpStatus status, String error) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("clientName", clientName(transaction));
        model.put("action", this.issuer.url(EcpsAuthenticator.LOGIN_PATH) + "?tx=" + transaction.id());
        model.put("backUri", this.issuer.url(Issuer.LOGIN) + "?tx=" + transaction.id());
        if (error != null) {
            model.put("errorKey", error);
        }
        return Pages.render(status, "ecps-login", model);
    }

    private Mono<ServerResponse> renderWait(ServerRequest request, Challenge challenge) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("clientName", challenge.clientName());
        model.put("number", challenge.expectedNumber());
        model.put("waitUri", waitUri(challenge.transactionId(), challenge.id()).toString());
        model.put("eventsUri", UriComponentsBuilder.fromUriString(this.issuer.url(EVENTS_PATH))
            .queryParam("tx", challenge.transactionId()).queryParam("challenge", challenge.id()).build(true).toUriString());
        return Pages.render(HttpStatus.OK, "ecps-wait", model);
    }

    private String clientName(LoginTransaction transaction) {
        RegisteredClient client = this.clients.findByClientId(transaction.clientId());
        return client == null ? transaction.clientId() : client.getClientName();
    }

    private URI waitUri(String tx, String challengeId) {
        return URI.create(UriComponentsBuilder.fromUriString(this.issuer.url(WAIT_PATH)).queryParam("tx", tx)
            .queryParam("challenge", challengeId).build(true).toUriString());
    }
}
