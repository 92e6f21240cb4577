package io.healthid.idp.authn;

import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.audit.AuthenticationRecord;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.ClientTags;
import io.healthid.idp.observability.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Publishes each authentication event to the metrics ({@code idp_authentications_total{method,outcome,reason,client}},
 * {@code idp_authentication_duration_seconds{method,outcome}}), the audit trail and the log, all three carrying the
 * request's correlation id where they can. The audit write never fails a login ({@link AuditTrail}).
 */
public class AuthenticationEvents {

    private static final Logger logger = LoggerFactory.getLogger(AuthenticationEvents.class);

    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final ClientTags clients;

    /** @param offered the means this server offers: their label combinations exist from the start */
    public AuthenticationEvents(MeterRegistry meters, AuditTrail audit, ClientTags clients, List<AuthMethod> offered) {
        this.meters = meters;
        this.audit = audit;
        this.clients = clients;
        // every label combination exists from the start, so dashboards and rate() see zeros instead of gaps
        for (AuthMethod method : offered) {
            for (ReasonCode reason : ReasonCode.values()) {
                for (String client : clients.values()) {
                    counter(method, reason, client);
                }
            }
        }
    }

    public Mono<Void> publish(AuthenticationEvent event) {
        return Mono.deferContextual(context -> {
            String correlationId = CorrelationId.of(context).orElse(null);
            counter(event.method(), event.reason(), this.clients.of(event.clientId())).increment();
            Timer.builder("idp.authentication.duration")
                .description("Authentication attempts from the login page to their outcome, per means")
                .tag("method", event.method().name())
                .tag("outcome", event.outcome())
                .register(this.meters)
                .record(event.duration());
            CorrelationId.log(context, () -> logger.info(
                    "authentication method={} outcome={} reason={} client={} durationMs={} correlationId={} ({})",
                    event.method(), event.outcome(), event.reason(), event.clientId(), event.duration().toMillis(),
                    correlationId, event.reason().operatorDescription()));
            return this.audit.append(new AuthenticationRecord(event.occurredAt(), event.method(), event.reason(),
                    event.clientId(), event.nationalId(), event.duration(), correlationId));
        });
    }

    private Counter counter(AuthMethod method, ReasonCode reason, String client) {
        return Counter.builder("idp.authentications")
            .description("Authentication attempts by means, outcome, reason code and client (unknown clients folded)")
            .tag("method", method.name())
            .tag("outcome", reason.isSuccess() ? "success" : "failure")
            .tag("reason", reason.name())
            .tag("client", client)
            .register(this.meters);
    }
}
