package io.healthid.idp.authn;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Publishes each authentication event to the metrics ({@code idp_authentications_total{method,outcome,reason}}),
 * the audit table and the log. The audit write never fails a login: when the database is down the event is still
 * counted and logged, and {@code idp_audit_write_failures_total} tells operators that rows are missing.
 */
public class AuthenticationEvents {

    private static final Logger logger = LoggerFactory.getLogger(AuthenticationEvents.class);
    private static final Duration AUDIT_WRITE_TIMEOUT = Duration.ofSeconds(3);

    private final MeterRegistry meters;
    private final DatabaseClient database;
    private final Counter auditFailures;

    public AuthenticationEvents(MeterRegistry meters, DatabaseClient database) {
        this.meters = meters;
        this.database = database;
        this.auditFailures = Counter.builder("idp.audit.write.failures")
            .description("Authentication events that could not be written to the audit table")
            .register(meters);
        // every label combination exists from the start, so dashboards and rate() see zeros instead of gaps
        for (AuthMethod method : AuthMethod.values()) {
            for (ReasonCode reason : ReasonCode.values()) {
                counter(method, reason);
            }
        }
    }

    public Mono<Void> publish(AuthenticationEvent event) {
        counter(event.method(), event.reason()).increment();
        Timer.builder("idp.authentication.duration")
            .tag("method", event.method().name())
            .tag("outcome", event.outcome())
            .register(this.meters)
            .record(event.duration());
        logger.info("authentication method={} outcome={} reason={} client={} durationMs={} ({})", event.method(),
                event.outcome(), event.reason(), event.clientId(), event.duration().toMillis(),
                event.reason().operatorDescription());
        DatabaseClient.GenericExecuteSpec insert = this.database.sql("""
                INSERT INTO authentication_event (occurred_at, method, outcome, reason, client_id, national_id, duration_ms)
                VALUES (:occurredAt, :method, :outcome, :reason, :clientId, :nationalId, :durationMs)
                """)
            .bind("occurredAt", event.occurredAt())
            .bind("method", event.method().name())
            .bind("outcome", event.outcome())
            .bind("reason", event.reason().name())
            .bind("durationMs", (int) event.duration().toMillis());
        insert = event.clientId() == null ? insert.bindNull("clientId", String.class) : insert.bind("clientId", event.clientId());
        insert = event.nationalId() == null ? insert.bindNull("nationalId", String.class)
                : insert.bind("nationalId", event.nationalId());
        return insert.then()
            // a database that does not answer must not hold the person's login: the event is counted and logged anyway
            .timeout(AUDIT_WRITE_TIMEOUT)
            .onErrorResume(ex -> {
                this.auditFailures.increment();
                logger.warn("Audit write failed for an authentication event (" + event.reason() + "): " + ex.getMessage());
                return Mono.empty();
            });
    }

    private Counter counter(AuthMethod method, ReasonCode reason) {
        return Counter.builder("idp.authentications")
            .description("Authentication attempts by means, outcome and reason code")
            .tag("method", method.name())
            .tag("outcome", reason.isSuccess() ? "success" : "failure")
            .tag("reason", reason.name())
            .register(this.meters);
    }
}
