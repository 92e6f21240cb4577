package io.healthid.idp.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends rows to the audit trail in PostgreSQL (tables {@code authentication_event} and {@code token_event}, which the
 * database itself keeps append-only) and purges what is older than the retention. A write never fails what it records:
 * when the database is down or slow the row is lost, and {@code idp_audit_write_failures_total} says so. Token events
 * are written in batches off the request path ({@link TokenEventBatches}); authentication events at once.
 */
public class AuditTrail {

    private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);

    private final DatabaseClient database;
    private final AuditProperties properties;
    private final Clock clock;
    private final Counter writeFailures;
    private final TokenEventBatches tokenEvents;

    public AuditTrail(DatabaseClient database, AuditProperties properties, Clock clock, MeterRegistry meters) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.writeFailures = Counter.builder("idp.audit.write.failures")
            .description("Audit rows (authentication or token events) that could not be written")
            .register(meters);
        this.tokenEvents = new TokenEventBatches(properties.tokenEventFlushInterval(), this::insert, lost -> {
            this.writeFailures.increment(lost);
            logger.warn("Audit write failed for a token event: " + TokenEventBatches.CAPACITY + " rows already waiting");
        });
    }

    /** Writes the token events queued so far (the console reads after it; so do tests). */
    public Mono<Void> flush() {
        return this.tokenEvents.flush();
    }

    /** Queues and writes the token events; stops after the web server. */
    TokenEventBatches tokenEventBatches() {
        return this.tokenEvents;
    }

    public Mono<Void> append(AuthenticationRecord record) {
        DatabaseClient.GenericExecuteSpec insert = this.database.sql("""
                INSERT INTO authentication_event (occurred_at, method, outcome, reason, client_id, national_id,
                                                  duration_ms, correlation_id)
                VALUES (:occurredAt, :method, :outcome, :reason, :clientId, :nationalId, :durationMs, :correlationId)
                """)
            .bind("occurredAt", record.occurredAt())
            .bind("method", record.method().name())
            .bind("outcome", record.reason().isSuccess() ? "success" : "failure")
            .bind("reason", record.reason().name())
            .bind("durationMs", (int) record.duration().toMillis());
        insert = bindNullable(insert, "clientId", record.clientId());
        insert = bindNullable(insert, "nationalId", nationalId(record.nationalId()));
        insert = bindNullable(insert, "correlationId", record.correlationId());
        return guarded(insert, 1, "an authentication event " + record.reason());
    }

    /** Queues the row: it is written within {@code idp.audit.token-event-flush-interval}, and when the node stops. */
    public Mono<Void> append(TokenRecord record) {
        this.tokenEvents.add(record);
        return Mono.empty();
    }

    /**
     * One multi-row INSERT for a batch of token events, its values bound at once: one {@code bind} per value copies
     * every binding before it, which for a batch of a few hundred rows cost more than the database's work.
     */
    private Mono<Void> insert(List<TokenRecord> records) {
        StringBuilder sql = new StringBuilder("INSERT INTO token_event (occurred_at, event, client_id, grant_type, "
                + "national_id, token_fingerprint, correlation_id) VALUES ");
        Map<String, Object> values = new HashMap<>(records.size() * 10);
        for (int i = 0; i < records.size(); i++) {
            TokenRecord record = records.get(i);
            sql.append(i == 0 ? "(" : ", (");
            value(sql, values, "occurredAt", i, record.occurredAt(), false);
            value(sql, values, "event", i, record.event().name(), false);
            value(sql, values, "clientId", i, record.clientId(), false);
            value(sql, values, "grantType", i, record.grantType(), false);
            value(sql, values, "nationalId", i, nationalId(record.nationalId()), false);
            value(sql, values, "fingerprint", i, record.tokenFingerprint(), false);
            value(sql, values, "correlationId", i, record.correlationId(), true);
        }
        return guarded(this.database.sql(sql.toString()).bindValues(values), records.size(), "token events");
    }

    /** A named placeholder for the row's value, and its value: a text column's null bound as a typed null. */
    private static void value(StringBuilder sql, Map<String, Object> values, String name, int row, Object value,
            boolean last) {
        sql.append(':').append(name).append(row).append(last ? ")" : ", ");
        values.put(name + row, value == null ? Parameters.in(R2dbcType.VARCHAR) : value);
    }

    /** Removes the rows older than the retention, through the one function the tables' triggers let delete. */
    public Mono<Long> purge() {
        return this.database.sql("SELECT audit_purge(:cutoff) AS removed")
            .bind("cutoff", this.clock.instant().minus(this.properties.retention()))
            .map(row -> row.get("removed", Long.class))
            .one();
    }

    private String nationalId(String nationalId) {
        return this.properties.recordNationalId() ? nationalId : null;
    }

    private Mono<Void> guarded(DatabaseClient.GenericExecuteSpec insert, int rows, String what) {
        return insert.then()
            // a database that does not answer must not hold the person's login (nor, for long, the token batches)
            .timeout(WRITE_TIMEOUT)
            .onErrorResume(ex -> {
                this.writeFailures.increment(rows);
                logger.warn("Audit write failed for " + (rows == 1 ? "" : rows + " ") + what + ": " + ex.getMessage());
                return Mono.empty();
            });
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
