package io.healthid.rpps.sync;

import io.healthid.rpps.fhir.AnnuaireSanteClient;
import io.healthid.rpps.fhir.AnnuaireSanteException;
import io.healthid.rpps.fhir.PractitionerChange;
import io.healthid.rpps.idnat.CheckDigitPolicy;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.model.Practitioner;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the local directory up to date with the Annuaire Santé between two full imports: asks the FHIR API which
 * practitioners changed since a day, fetches their current state, then writes all of it in one transaction
 * ({@link DirectoryDeltaWriter}) and records the day as the start of the next sync.
 *
 * <p>Everything is fetched before anything is written: any API failure (after the client's retries) aborts the sync
 * with nothing written and the checkpoint unmoved, because skipping one failed practitioner while moving the
 * checkpoint would lose their change for good. Practitioners the API describes but we cannot map are skipped and
 * reported; the next full import settles them.
 */
public final class DirectorySync {

    /** The API answers {@code _lastUpdated} searches over this many days only. */
    public static final int DAYS_KEPT_BY_THE_API = 30;
    /** ANS publishes French days. */
    public static final ZoneId DIRECTORY_ZONE = ZoneId.of("Europe/Paris");

    private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);

    private final AnnuaireSanteClient api;
    private final DirectoryDeltaWriter writer;
    private final SyncCheckpoint checkpoint;
    private final Clock clock;

    public DirectorySync(AnnuaireSanteClient api, DirectoryDeltaWriter writer, SyncCheckpoint checkpoint,
            Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DirectorySync(AnnuaireSanteClient api, DataSource dataSource) {
        this(api, new DirectoryDeltaWriter(dataSource), new SyncCheckpoint(dataSource), Clock.system(DIRECTORY_ZONE));
    }

    /**
     * Syncs from where the last successful sync stopped.
     *
     * @throws DirectorySyncException {@code NEVER_SYNCED} when there is no previous sync, or as {@link #sync(LocalDate)}
     */
    public SyncResult sync() {
        LocalDate since = checkpoint.lastSyncOn().orElseThrow(() -> new DirectorySyncException(
                DirectorySyncException.Reason.NEVER_SYNCED, "no previous sync recorded: give the day to sync from"
                        + " (the date of the last imported file, at most " + DAYS_KEPT_BY_THE_API + " days ago)"));
        return sync(since);
    }

    /**
     * Applies every change published since {@code since} (that day included).
     *
     * @throws DirectorySyncException when nothing was written: {@code since} out of the API's history, API failure,
     *                                directory busy with an import, database failure
     */
    public SyncResult sync(LocalDate since) {
        long started = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        checkWithinHistory(since, today);
        List<PractitionerChange> changes = fetch(since);
        List<Practitioner> updated = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<SkippedChange> skipped = new ArrayList<>();
        for (PractitionerChange change : changes) {
            if (!NationalId.parse(change.idNat(), CheckDigitPolicy.IGNORE).isValid()) {
                skipped.add(new SkippedChange(change.idNat(), "not a national identifier"));
                continue;
            }
            if (change instanceof PractitionerChange.Updated u) {
                updated.add(u.practitioner());
            } else if (change instanceof PractitionerChange.Removed r) {
                removed.add(r.idNat());
            } else if (change instanceof PractitionerChange.Unmappable u) {
                skipped.add(new SkippedChange(u.idNat(), u.reason()));
            }
        }
        DeltaWriteResult written = writer.apply(new DirectoryDelta(today, updated, removed));
        for (SkippedChange s : skipped) {
            LOG.warn("directory sync: {} not written: {}", s.idNat(), s.reason());
        }
        return new SyncResult(since, today, written.changed(), written.generation(), changes.size(), written.added(),
                written.updated(), written.removed(), written.alreadyAbsent(), skipped,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static void checkWithinHistory(LocalDate since, LocalDate today) {
        Objects.requireNonNull(since, "since");
        if (since.isAfter(today)) {
            throw new DirectorySyncException(DirectorySyncException.Reason.SINCE_IN_THE_FUTURE,
                    "cannot sync from " + since + ", after today (" + today + ")");
        }
        long age = ChronoUnit.DAYS.between(since, today);
        if (age > DAYS_KEPT_BY_THE_API) {
            throw new DirectorySyncException(DirectorySyncException.Reason.SINCE_TOO_OLD, since + " is " + age
                    + " days ago but the Annuaire Santé API keeps " + DAYS_KEPT_BY_THE_API + " days of changes:"
                    + " changes before " + today.minusDays(DAYS_KEPT_BY_THE_API) + " cannot be fetched. Run a full"
                    + " import of the latest directory file, then sync from that file's date");
        }
    }

    private List<PractitionerChange> fetch(LocalDate since) {
        try {
            List<PractitionerChange> changes = api.changesSince(since).collectList().block();
            return changes == null ? List.of() : changes;
        } catch (AnnuaireSanteException e) {
            throw new DirectorySyncException(DirectorySyncException.Reason.API_FAILED,
                    "Annuaire Santé API failed, nothing written: " + e.getMessage(), e);
        }
    }
}
