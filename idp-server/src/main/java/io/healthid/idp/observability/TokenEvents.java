package io.healthid.idp.observability;

import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.audit.TokenEventKind;
import io.healthid.idp.audit.TokenRecord;
import io.healthid.idp.model.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * One event per token issued, refreshed, revoked or replayed: {@code idp_token_events_total{event,client}}, an audit
 * row and a log line (WARN for a replay, DEBUG otherwise), with the request's correlation id. The token itself goes
 * nowhere, only a short fingerprint.
 */
public class TokenEvents {

    private static final Logger logger = LoggerFactory.getLogger(TokenEvents.class);

    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final ClientTags clients;
    private final Clock clock;
    /** The counters, looked up once: registering on every event cost a meter id and a registry lookup per token. */
    private final Map<TokenEventKind, Map<String, Counter>> counters = new EnumMap<>(TokenEventKind.class);

    public TokenEvents(MeterRegistry meters, AuditTrail audit, ClientTags clients, Clock clock) {
        this.meters = meters;
        this.audit = audit;
        this.clients = clients;
        this.clock = clock;
        for (TokenEventKind kind : TokenEventKind.values()) {
            Map<String, Counter> byClient = new ConcurrentHashMap<>();
            for (String client : clients.values()) {
                byClient.put(client, register(kind, client));
            }
            this.counters.put(kind, byClient);
        }
    }

    /**
     * @param nationalId the practitioner the token speaks for, {@code null} for client credentials or when unknown
     * @param token the token concerned, or {@code null}; only its fingerprint is kept
     */
    public Mono<Void> publish(TokenEventKind kind, String clientId, String grantType, String nationalId, String token) {
        return Mono.deferContextual(context -> {
            String correlationId = CorrelationId.of(context).orElse(null);
            counter(kind, this.clients.of(clientId)).increment();
            // a replay is an alarm; a token issued is routine, counted and in the audit trail: its line is DEBUG
            if (kind == TokenEventKind.REPLAY_DETECTED) {
                CorrelationId.log(context, () -> logger.warn("token event={} client={} grant={} correlationId={}",
                        kind.label(), clientId, grantType, correlationId));
            }
            else if (logger.isDebugEnabled()) {
                CorrelationId.log(context, () -> logger.debug("token event={} client={} grant={} correlationId={}",
                        kind.label(), clientId, grantType, correlationId));
            }
            return this.audit.append(new TokenRecord(this.clock.instant(), kind, clientId, grantType, nationalId,
                    fingerprint(token), correlationId));
        });
    }

    static String fingerprint(String token) {
        return token == null ? null : HexFormat.of().formatHex(Sha256.digest(token), 0, 8);
    }

    private Counter counter(TokenEventKind kind, String client) {
        return this.counters.get(kind).computeIfAbsent(client, label -> register(kind, label));
    }

    private Counter register(TokenEventKind kind, String client) {
        return Counter.builder("idp.token.events")
            .description("Tokens issued, refreshed, revoked, and grants replayed (family revoked), per client")
            .tag("event", kind.label())
            .tag("client", client)
            .register(this.meters);
    }
}
