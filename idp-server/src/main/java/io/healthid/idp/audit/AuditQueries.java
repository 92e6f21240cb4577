package io.healthid.idp.audit;

import io.healthid.idp.model.ReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * What the operators' console reads from the audit trail; every query is served by an index of V10, after this
 * node's rows still in memory are written (another node's arrive within {@code idp.audit.flush-interval}).
 */
public class AuditQueries {

    private static final int STORY_LIMIT = 200;

    private final DatabaseClient database;
    private final AuditTrail trail;
    private final Clock clock;

    public AuditQueries(DatabaseClient database, AuditTrail trail, Clock clock) {
        this.database = database;
        this.trail = trail;
        this.clock = clock;
    }

    /** Failures per hour and reason over the window, optionally for one means and/or one client. */
    public record HourlyFailures(Instant hour, ReasonCode reason, long count) {
    }

    /** Attempts and failures of one means for one client ({@code null}: no client known) over the window. */
    public record FailureShare(String method, String clientId, long attempts, long failures) {

        public double failureRatio() {
            return this.attempts == 0 ? 0 : (double) this.failures / this.attempts;
        }
    }

    public record RecentFailure(Instant occurredAt, String method, ReasonCode reason, String clientId,
            String nationalId, String correlationId) {
    }

    /** One row of an attempt's story: an authentication or a token event. */
    public record StoryStep(Instant occurredAt, String kind, String what, String detail, String clientId,
            String nationalId, String correlationId, Integer durationMs) {
    }

    public enum SearchField {
        CORRELATION_ID("correlation_id"), NATIONAL_ID("national_id"), CLIENT_ID("client_id");

        private final String column;

        SearchField(String column) {
            this.column = column;
        }
    }

    public Mono<List<HourlyFailures>> hourlyFailures(Duration window, String method, String clientId) {
        DatabaseClient.GenericExecuteSpec query = this.database.sql("""
                SELECT date_trunc('hour', occurred_at) AS hour, reason, count(*) AS n FROM authentication_event
                WHERE outcome = 'failure' AND occurred_at >= :since
                  AND (CAST(:method AS varchar) IS NULL OR method = :method)
                  AND (CAST(:client AS varchar) IS NULL OR client_id = :client)
                GROUP BY 1, 2 ORDER BY 1, 2
                """)
            .bind("since", since(window));
        query = bindNullable(bindNullable(query, "method", method), "client", clientId);
        return this.trail.flush().then(query.map(row -> new HourlyFailures(instant(row.get("hour", OffsetDateTime.class)),
                    ReasonCode.valueOf(row.get("reason", String.class)), row.get("n", Long.class)))
            .all().collectList());
    }

    /** Attempts and failures by means and client, most failures first. */
    public Mono<List<FailureShare>> failuresByMethodAndClient(Duration window) {
        return this.trail.flush().then(this.database.sql("""
                SELECT method, client_id, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'failure') AS failures
                FROM authentication_event WHERE occurred_at >= :since
                GROUP BY method, client_id ORDER BY failures DESC, attempts DESC LIMIT 50
                """)
            .bind("since", since(window))
            .map(row -> new FailureShare(row.get("method", String.class), row.get("client_id", String.class),
                    row.get("attempts", Long.class), row.get("failures", Long.class)))
            .all().collectList());
    }

    /** The clients with the most failed attempts, all means together. */
    public Mono<List<FailureShare>> topFailingClients(Duration window, int limit) {
        return this.trail.flush().then(this.database.sql("""
                SELECT client_id, count(*) AS attempts, count(*) FILTER (WHERE outcome = 'failure') AS failures
                FROM authentication_event WHERE occurred_at >= :since
                GROUP BY client_id HAVING count(*) FILTER (WHERE outcome = 'failure') > 0
                ORDER BY failures DESC LIMIT :limit
                """)
            .bind("since", since(window))
            .bind("limit", limit)
            .map(row -> new FailureShare(null, row.get("client_id", String.class), row.get("attempts", Long.class),
                    row.get("failures", Long.class)))
            .all().collectList());
    }

    public Mono<List<RecentFailure>> recentFailures(int limit) {
        return this.trail.flush().then(this.database.sql("""
                SELECT occurred_at, method, reason, client_id, national_id, correlation_id FROM authentication_event
                WHERE outcome = 'failure' ORDER BY occurred_at DESC LIMIT :limit
                """)
            .bind("limit", limit)
            .map(row -> new RecentFailure(instant(row.get("occurred_at", OffsetDateTime.class)),
                    row.get("method", String.class), ReasonCode.valueOf(row.get("reason", String.class)),
                    row.get("client_id", String.class), row.get("national_id", String.class),
                    row.get("correlation_id", String.class)))
            .all().collectList());
    }

    /**
     * Every audited step with the given correlation id, national identifier or client, oldest first (this node's
     * token events still in memory written first).
     */
    public Mono<List<StoryStep>> story(SearchField field, String value) {
        String column = field.column;
        return this.trail.flush().then(this.database.sql("SELECT * FROM ("
                + " SELECT occurred_at, 'authentication' AS kind, method AS what, reason AS detail, client_id,"
                + " national_id, correlation_id, duration_ms FROM authentication_event WHERE " + column + " = :value"
                + " UNION ALL"
                + " SELECT occurred_at, 'token' AS kind, event AS what, grant_type AS detail, client_id, national_id,"
                + " correlation_id, NULL AS duration_ms FROM token_event WHERE " + column + " = :value"
                + " ORDER BY occurred_at DESC LIMIT " + STORY_LIMIT + ") AS latest ORDER BY occurred_at")
            .bind("value", value)
            .map(row -> new StoryStep(instant(row.get("occurred_at", OffsetDateTime.class)),
                    row.get("kind", String.class), row.get("what", String.class), row.get("detail", String.class),
                    row.get("client_id", String.class), row.get("national_id", String.class),
                    row.get("correlation_id", String.class), row.get("duration_ms", Integer.class)))
            .all().collectList());
    }

    /** How many attempts of one means ended with each reason over the window. */
    public Mono<List<HourlyFailures>> reasonsOf(String method, Duration window) {
        return this.trail.flush().then(this.database.sql("""
                SELECT reason, count(*) AS n FROM authentication_event WHERE method = :method AND occurred_at >= :since
                GROUP BY reason ORDER BY n DESC
                """)
            .bind("method", method)
            .bind("since", since(window))
            .map(row -> new HourlyFailures(null, ReasonCode.valueOf(row.get("reason", String.class)),
                    row.get("n", Long.class)))
            .all().collectList());
    }

    private Instant since(Duration window) {
        return this.clock.instant().minus(window);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, String name,
            String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
