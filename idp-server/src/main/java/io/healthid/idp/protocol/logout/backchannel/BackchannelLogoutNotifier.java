package io.healthid.idp.protocol.logout.backchannel;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.session.SessionEndListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * When an SSO session ends, POSTs a logout token to the back-channel logout URI of every client that was issued an ID
 * token in it (OIDC Back-Channel Logout 1.0 2.5). The deliveries run after the logout has answered the browser: a
 * relying party that is slow or down never holds a person's logout. Each outcome is counted
 * ({@code idp.backchannel.logout}, tag {@code outcome}); logs name the client and the status, never the token.
 */
public class BackchannelLogoutNotifier implements SessionEndListener {

    private static final Logger logger = LoggerFactory.getLogger(BackchannelLogoutNotifier.class);

    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);

    private final SessionParticipants participants;
    private final RegisteredClientRepository clients;
    private final LogoutTokens tokens;
    private final WebClient http;
    private final MeterRegistry meters;

    public BackchannelLogoutNotifier(SessionParticipants participants, RegisteredClientRepository clients,
            LogoutTokens tokens, WebClient http, MeterRegistry meters) {
        this.participants = participants;
        this.clients = clients;
        this.tokens = tokens;
        this.http = http;
        this.meters = meters;
    }

    @Override
    public Mono<Void> sessionEnded(String sessionId) {
        return this.participants.take(sessionId)
            .collectList()
            .doOnNext(taken -> Flux.fromIterable(taken).flatMap(this::deliver).subscribe())
            .then();
    }

    /** Completes when the client has answered, or failed to; never with an error. */
    Mono<Void> deliver(Participant participant) {
        RegisteredClient client = this.clients.findByClientId(participant.clientId());
        String uri = client == null ? null : client.getClientSettings().getSetting(RegisteredClientMapper.BACKCHANNEL_LOGOUT_URI);
        if (uri == null) {
            count("no_uri");
            return Mono.empty();
        }
        SignatureAlgorithm algorithm = client.getTokenSettings().getIdTokenSignatureAlgorithm();
        return Mono.fromCallable(() -> this.tokens.issue(participant, algorithm))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(token -> this.http.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue())
                .body(BodyInserters.fromFormData("logout_token", token))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode())))
            .timeout(DELIVERY_TIMEOUT)
            .doOnNext(status -> {
                if (status.is2xxSuccessful()) {
                    count("delivered");
                }
                else {
                    count("refused");
                    logger.warn("Back-channel logout refused by client {}: HTTP {}", participant.clientId(), status.value());
                }
            })
            .onErrorResume(ex -> {
                count("unreachable");
                logger.warn("Back-channel logout not delivered to client {}: {}", participant.clientId(),
                        ex.getClass().getSimpleName());
                return Mono.empty();
            })
            .then();
    }

    private void count(String outcome) {
        this.meters.counter("idp.backchannel.logout", "outcome", outcome).increment();
    }
}
