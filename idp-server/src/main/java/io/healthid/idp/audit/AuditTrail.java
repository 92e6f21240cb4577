package io.healthid.idp.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
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
        int size = records.size();
        ZonedDateTime[] occurredAt = new ZonedDateTime[size];
        String[] method = new String[size];
        String[] outcome = new String[size];
        String[] reason = new String[size];
        String[] clientId = new String[size];
        String[] nationalId = new String[size];
        Integer[] durationMs = new Integer[size];
        String[] correlationId = new String[size];
        for (int i = 0; i < size; i++) {
            AuthenticationRecord record = records.get(i);
            occurredAt[i] = record.occurredAt().atZone(ZoneOffset.UTC);
            method[i] = record.method().name();
            outcome[i] = record.reason().isSuccess() ? "success" : "failure";
            reason[i] = record.reason().name();
            clientId[i] = record.clientId();
            nationalId[i] = nationalId(record.nationalId());
            durationMs[i] = (int) record.duration().toMillis();
            correlationId[i] = record.correlationId();
        }
        return guarded(this.database.sql(INSERT_AUTHENTICATION_EVENTS)
            .bind("occurredAt", occurredAt)
            .bind("method", method)
            .bind("outcome", outcome)
            .bind("reason", reason)
            .bind("clientId", clientId)
            .bind("nationalId", nationalId)
            .bind("durationMs", durationMs)
            .bind("correlationId", correlationId), size, "authentication events");
    }

    /**
     * One INSERT for a batch of token events, whatever its size: each column's values bound as one array and turned
     * back into rows by {@code unnest}. A multi-row VALUES list made a new SQL text for every batch size, and Spring's
     * cache of parsed statements (256 entries) then kept the placeholders of hundreds of them, tens of megabytes of a
     * heap of 256. Authentication events the same way.
     */
    private Mono<Void> insertTokenEvents(List<TokenRecord> records) {
        int size = records.size();
        ZonedDateTime[] occurredAt = new ZonedDateTime[size];
        String[] event = new String[size];
        String[] clientId = new String[size];
        String[] grantType = new String[size];
        String[] nationalId = new String[size];
        String[] fingerprint = new String[size];
        String[] correlationId = new String[size];
        for (int i = 0; i < size; i++) {
            TokenRecord record = records.get(i);
            occurredAt[i] = record.occurredAt().atZone(ZoneOffset.UTC);
            event[i] = record.event().name();
            clientId[i] = record.clientId();
            grantType[i] = record.grantType();
            nationalId[i] = nationalId(record.nationalId());
            fingerprint[i] = record.tokenFingerprint();
            correlationId[i] = record.correlationId();
        }
        return guarded(this.database.sql(INSERT_TOKEN_EVENTS)
            .bind("occurredAt", occurredAt)
            .bind("event", event)
            .bind("clientId", clientId)
            .bind("grantType", grantType)
            .bind("nationalId", nationalId)
            .bind("fingerprint", fingerprint)
            .bind("correlationId", correlationId), size, "token events");
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
