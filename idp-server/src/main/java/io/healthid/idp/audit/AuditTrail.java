package io.healthid.idp.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Appends rows to the audit trail in PostgreSQL (tables {@code authentication_event} and {@code token_event}, which the
 * database itself keeps append-only) and purges what is older than the retention. A write never fails what it records:
 * when the database is down or slow the row is lost, and {@code idp_audit_write_failures_total} says so. Both kinds
 * are written in batches off the request path ({@link AuditBatches}): a login or a token request only queues its row.
 */
public class AuditTrail {

    private static final Logger logger = LoggerFactory.getLogger(AuditTrail.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(3);
    private static final String INSERT_TOKEN_EVENTS = """
            INSERT INTO token_event (occurred_at, event, client_id, grant_type, national_id, token_fingerprint,
                                     correlation_id)
            SELECT * FROM unnest(:occurredAt::timestamptz[], :event::varchar[], :clientId::varchar[],
                                 :grantType::varchar[], :nationalId::varchar[], :fingerprint::varchar[],
                                 :correlationId::varchar[])
            """;
    private static final String INSERT_AUTHENTICATION_EVENTS = """
            INSERT INTO authentication_event (occurred_at, method, outcome, reason, client_id, national_id, duration_ms,
                                              correlation_id)
            SELECT * FROM unnest(:occurredAt::timestamptz[], :method::varchar[], :outcome::varchar[],
                                 :reason::varchar[], :clientId::varchar[], :nationalId::varchar[], :durationMs::int[],
                                 :correlationId::varchar[])
            """;

    private final DatabaseClient database;
    private final AuditProperties properties;
    private final Clock clock;
    private final Counter writeFailures;
    private final AuditBatches<TokenRecord> tokenEvents;
    private final AuditBatches<AuthenticationRecord> authenticationEvents;

    public AuditTrail(DatabaseClient database, AuditProperties properties, Clock clock, MeterRegistry meters) {
        this.database = database;
        this.properties = properties;
        this.clock = clock;
        this.writeFailures = Counter.builder("idp.audit.write.failures")
            .description("Audit rows (authentication or token events) that could not be written")
            .register(meters);
        this.tokenEvents = new AuditBatches<>(properties.flushInterval(), this::insertTokenEvents,
                lost -> lost(lost, "a token event"));
        this.authenticationEvents = new AuditBatches<>(properties.flushInterval(), this::insertAuthenticationEvents,
                lost -> lost(lost, "an authentication event"));
    }

    /** Writes the rows queued so far (the console reads after it; so do tests). */
    public Mono<Void> flush() {
        return this.authenticationEvents.flush().then(this.tokenEvents.flush());
    }

    /** Queues and writes the token events; stops after the web server. */
    AuditBatches<TokenRecord> tokenEventBatches() {
        return this.tokenEvents;
    }

    /** Queues and writes the authentication events; stops after the web server. */
    AuditBatches<AuthenticationRecord> authenticationEventBatches() {
        return this.authenticationEvents;
    }

    /** Queues the row: it is written within {@code idp.audit.flush-interval}, and when the node stops. */
    public Mono<Void> append(AuthenticationRecord record) {
        this.authenticationEvents.add(record);
        return Mono.empty();
    }

    /** Queues the row: it is written within {@code idp.audit.flush-interval}, and when the node stops. */
    public Mono<Void> append(TokenRecord record) {
        this.tokenEvents.add(record);
        return Mono.empty();
    }

    private void lost(int rows, String what) {
        this.writeFailures.increment(rows);
        logger.warn("Audit write failed for " + what + ": " + AuditBatches.CAPACITY + " rows already waiting");
    }

    private Mono<Void> insertAuthenticationEvents(List<AuthenticationRecord> records) {
        return guarded(this.database.sql(INSERT_AUTHENTICATION_EVENTS)
            .bind("occurredAt", column(records, ZonedDateTime[]::new, record -> utc(record.occurredAt())))
            .bind("method", column(records, String[]::new, record -> record.method().name()))
            .bind("outcome", column(records, String[]::new, AuditTrail::outcome))
            .bind("reason", column(records, String[]::new, record -> record.reason().name()))
            .bind("clientId", column(records, String[]::new, AuthenticationRecord::clientId))
            .bind("nationalId", column(records, String[]::new, record -> nationalId(record.nationalId())))
            .bind("durationMs", column(records, Integer[]::new, record -> (int) record.duration().toMillis()))
            .bind("correlationId", column(records, String[]::new, AuthenticationRecord::correlationId)),
                records.size(), "authentication events");
    }

    /**
     * One INSERT for a batch of token events, whatever its size: each column's values bound as one array and turned
     * back into rows by {@code unnest}. A multi-row VALUES list made a new SQL text for every batch size, and Spring's
     * cache of parsed statements (256 entries) then kept the placeholders of hundreds of them, tens of megabytes of a
     * heap of 256. Authentication events the same way.
     */
    private Mono<Void> insertTokenEvents(List<TokenRecord> records) {
        return guarded(this.database.sql(INSERT_TOKEN_EVENTS)
            .bind("occurredAt", column(records, ZonedDateTime[]::new, record -> utc(record.occurredAt())))
            .bind("event", column(records, String[]::new, record -> record.event().name()))
            .bind("clientId", column(records, String[]::new, TokenRecord::clientId))
            .bind("grantType", column(records, String[]::new, TokenRecord::grantType))
            .bind("nationalId", column(records, String[]::new, record -> nationalId(record.nationalId())))
            .bind("fingerprint", column(records, String[]::new, TokenRecord::tokenFingerprint))
            .bind("correlationId", column(records, String[]::new, TokenRecord::correlationId)),
                records.size(), "token events");
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    private static String outcome(AuthenticationRecord record) {
        return record.reason().isSuccess() ? "success" : "failure";
    }

    /** One column of a batch, as the array {@code unnest} turns back into rows. */
    private static <T, V> V[] column(List<T> records, IntFunction<V[]> array, Function<T, V> value) {
        V[] values = array.apply(records.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(records.get(i));
        }
        return values;
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
            // a database that does not answer must not hold the batches for long, nor the node's stop
            .timeout(WRITE_TIMEOUT)
            .onErrorResume(ex -> {
                this.writeFailures.increment(rows);
                logger.warn("Audit write failed for " + (rows == 1 ? "" : rows + " ") + what + ": " + ex.getMessage());
                return Mono.empty();
            });
    }
}
