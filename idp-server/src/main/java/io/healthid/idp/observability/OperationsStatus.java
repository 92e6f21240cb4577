package io.healthid.idp.observability;

import io.healthid.idp.x509.CrlStatusBoard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Reads the directory's state, the signing keys and the CRL board when asked (every 30 s, and whenever the console
 * asks), and publishes them as gauges: {@code idp_directory_last_import_timestamp_seconds},
 * {@code idp_directory_last_sync_timestamp_seconds}, {@code idp_directory_practitioners},
 * {@code idp_signing_key_age_seconds{algorithm}}, {@code idp_signing_key_rotation_period_seconds},
 * {@code idp_crl_age_seconds{ca}}, {@code idp_crl_next_update_seconds{ca}} (negative: past its nextUpdate, stale;
 * NaN for a trusted CA whose CRL was not read since start).
 * Gauges never touch the database themselves: a scrape stays fast when PostgreSQL is not.
 */
public class OperationsStatus {

    private static final Logger logger = LoggerFactory.getLogger(OperationsStatus.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(3);

    private final DatabaseClient database;
    private final Optional<CrlStatusBoard> crls;
    private final Duration rotationPeriod;
    private final Clock clock;
    private final AtomicReference<OperationsSnapshot> latest = new AtomicReference<>(OperationsSnapshot.EMPTY);
    private final MultiGauge keyAges;
    private final MultiGauge crlAges;
    private final MultiGauge crlNextUpdates;

    public OperationsStatus(DatabaseClient database, Optional<CrlStatusBoard> crls, Duration rotationPeriod,
            Clock clock, MeterRegistry meters) {
        this.database = database;
        this.crls = crls;
        this.rotationPeriod = rotationPeriod;
        this.clock = clock;
        Gauge.builder("idp.directory.last.import.timestamp", this, status -> status.directoryInstant(true))
            .description("When the directory was last imported (epoch seconds; 0: unknown)").baseUnit("seconds")
            .register(meters);
        Gauge.builder("idp.directory.last.sync.timestamp", this, status -> status.directoryInstant(false))
            .description("When the directory was last synced from the Annuaire Santé API (epoch seconds; 0: never)")
            .baseUnit("seconds").register(meters);
        Gauge.builder("idp.directory.practitioners", this,
                status -> status.latest.get().directory().map(OperationsSnapshot.Directory::persons).orElse(0L))
            .description("Practitioners in the directory").register(meters);
        Gauge.builder("idp.signing.key.rotation.period", this, status -> status.rotationPeriod.toSeconds())
            .description("The configured signing key rotation period").baseUnit("seconds").register(meters);
        this.keyAges = MultiGauge.builder("idp.signing.key.age").baseUnit("seconds")
            .description("Age of the key each algorithm signs with now").register(meters);
        this.crlAges = MultiGauge.builder("idp.crl.age").baseUnit("seconds")
            .description("Age (since thisUpdate) of the last CRL had from each CA").register(meters);
        this.crlNextUpdates = MultiGauge.builder("idp.crl.next.update").baseUnit("seconds")
            .description("Seconds until the CA's promised next CRL; negative once it is overdue (stale)").register(meters);
    }

    public OperationsSnapshot latest() {
        return this.latest.get();
    }

    /** Reads everything afresh; a part that cannot be read keeps its last known value. */
    public Mono<OperationsSnapshot> refresh() {
        OperationsSnapshot previous = this.latest.get();
        Mono<Optional<OperationsSnapshot.Directory>> directory = readDirectory()
            .timeout(QUERY_TIMEOUT)
            .onErrorResume(ex -> {
                logger.warn("Directory state unreadable: " + ex.getMessage());
                return Mono.just(previous.directory());
            });
        Mono<List<OperationsSnapshot.Key>> keys = readKeys()
            .timeout(QUERY_TIMEOUT)
            .onErrorResume(ex -> {
                logger.warn("Signing keys unreadable: " + ex.getMessage());
                return Mono.just(previous.keys());
            });
        return Mono.zip(directory, keys).map(both -> {
            OperationsSnapshot snapshot = new OperationsSnapshot(this.clock.instant(), both.getT1(), both.getT2(),
                    this.crls.map(CrlStatusBoard::entries).orElse(List.of()), this.rotationPeriod);
            this.latest.set(snapshot);
            publish(snapshot);
            return snapshot;
        });
    }

    private Mono<Optional<OperationsSnapshot.Directory>> readDirectory() {
        return this.database.sql("""
                SELECT imported_at, generation, persons, exercices, activities, rejected_lines, last_sync_at
                FROM directory.directory_state WHERE id = 1
                """)
            .map(row -> new OperationsSnapshot.Directory(instant(row.get("imported_at", OffsetDateTime.class)),
                    row.get("generation", Long.class), row.get("persons", Long.class), row.get("exercices", Long.class),
                    row.get("activities", Long.class), row.get("rejected_lines", Long.class),
                    instant(row.get("last_sync_at", OffsetDateTime.class))))
            .one()
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty());
    }

    private Mono<List<OperationsSnapshot.Key>> readKeys() {
        Instant now = this.clock.instant();
        Set<String> signingAlgorithms = new HashSet<>();
        return this.database.sql("""
                SELECT kid, algorithm, created_at, signs_from, signs_until, published_until FROM signing_key
                WHERE published_until IS NULL OR published_until > :now
                ORDER BY signs_from DESC, created_at DESC
                """)
            .bind("now", now)
            .map(row -> {
                Instant signsFrom = instant(row.get("signs_from", OffsetDateTime.class));
                Instant signsUntil = instant(row.get("signs_until", OffsetDateTime.class));
                String algorithm = row.get("algorithm", String.class);
                // newest first: the first key of an algorithm that may sign now is the one that signs
                boolean signing = !signsFrom.isAfter(now) && (signsUntil == null || signsUntil.isAfter(now))
                        && signingAlgorithms.add(algorithm);
                return new OperationsSnapshot.Key(row.get("kid", String.class), algorithm,
                        instant(row.get("created_at", OffsetDateTime.class)), signsFrom, signsUntil,
                        instant(row.get("published_until", OffsetDateTime.class)), signing);
            })
            .all()
            .collectList();
    }

    private void publish(OperationsSnapshot snapshot) {
        Instant now = snapshot.takenAt();
        this.keyAges.register(snapshot.signingKeys().stream()
            .map(key -> MultiGauge.Row.of(Tags.of("algorithm", key.algorithm()), key.ageAt(now).toSeconds()))
            .toList(), true);
        // every trusted CA has its series from the start: NaN while its CRL was never had
        this.crlAges.register(snapshot.crls().stream()
            .map(entry -> MultiGauge.Row.of(Tags.of("ca", entry.ca()), entry.thisUpdate() == null ? Double.NaN
                    : Duration.between(entry.thisUpdate(), now).toSeconds()))
            .toList(), true);
        this.crlNextUpdates.register(snapshot.crls().stream()
            .map(entry -> MultiGauge.Row.of(Tags.of("ca", entry.ca()), entry.nextUpdate() == null ? Double.NaN
                    : Duration.between(now, entry.nextUpdate()).toSeconds()))
            .toList(), true);
    }

    private double directoryInstant(boolean imported) {
        return this.latest.get().directory()
            .map(directory -> imported ? directory.importedAt() : directory.lastSyncAt())
            .map(Instant::getEpochSecond).orElse(0L);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
