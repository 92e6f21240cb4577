package io.healthid.rpps.sync;

import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.DirectoryLock;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link DirectoryDelta} to the live directory tables in one transaction: every row of each idNat is deleted,
 * then the updated practitioners are written again, and the directory generation is bumped. Readers (one statement
 * per lookup) see the directory before or after the delta, never half of it.
 *
 * <p>Keeps the full-import invariants:
 * <ul>
 * <li>it takes the importer's lock ({@link DirectoryLock}), so a delta and a full import never interleave; when the
 *     lock is held the delta is refused ({@link DirectorySyncException.Reason#DIRECTORY_BUSY}), not queued;</li>
 * <li>it clears the stored content SHA-256: the directory no longer equals any file, so re-importing the last file
 *     must rebuild it instead of being skipped as "unchanged";</li>
 * <li>bumping the generation makes every cached entry unreachable ({@code CachedPractitionerLookup} keys carry it).
 *     That drops the whole cache, not only the changed practitioners: acceptable for a daily delta, and the only way
 *     that needs no coordination between nodes.</li>
 * </ul>
 */
public final class DirectoryDeltaWriter {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDeltaWriter.class);

    private final DataSource dataSource;
    private final PractitionerRowWriter rows = new PractitionerRowWriter();

    public DirectoryDeltaWriter(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * @throws DirectorySyncException when nothing was written (directory busy, database failure)
     */
    public DeltaWriteResult apply(DirectoryDelta delta) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DeltaWriteResult result = apply(connection, delta);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DirectorySyncException(DirectorySyncException.Reason.DATABASE_FAILED,
                    "the directory is unchanged: " + e.getMessage(), e);
        }
    }

    private DeltaWriteResult apply(Connection connection, DirectoryDelta delta) throws SQLException {
        if (!DirectoryLock.tryLockForTransaction(connection)) {
            throw new DirectorySyncException(DirectorySyncException.Reason.DIRECTORY_BUSY,
                    "a full import or another sync is writing the directory; nothing written, try again after it");
        }
        if (delta.isEmpty()) {
            // nothing to write: keep the generation so that the cache stays warm, only move the sync checkpoint
            long generation = updateState(connection, delta, false, 0, 0, 0);
            return new DeltaWriteResult(false, generation, 0, 0, 0, 0);
        }
        Array ids = connection.createArrayOf("text", delta.idNats().toArray());
        Set<String> present = present(connection, ids);
        deleteRows(connection, "savoir_faire", ids);
        long activitiesDeleted = deleteRows(connection, "activity", ids);
        long exercicesDeleted = deleteRows(connection, "exercice", ids);
        long personsDeleted = deleteRows(connection, "person",
                connection.createArrayOf("text", delta.removed().toArray()));
        PractitionerRowWriter.Counts written = rows.write(connection, delta.updated());

        int added = (int) delta.updated().stream().map(Practitioner::idNat).filter(id -> !present.contains(id)).count();
        int updated = delta.updated().size() - added;
        long generation = updateState(connection, delta, true, added - personsDeleted,
                written.exercices() - exercicesDeleted, written.activities() - activitiesDeleted);
        int alreadyAbsent = delta.removed().size() - (int) personsDeleted;
        LOG.info("directory delta of {}: generation {}, {} added, {} updated, {} removed ({} already absent)",
                delta.fetchedOn(), generation, added, updated, personsDeleted, alreadyAbsent);
        return new DeltaWriteResult(true, generation, added, updated, (int) personsDeleted, alreadyAbsent);
    }

    private static Set<String> present(Connection connection, Array ids) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id_nat FROM directory.person WHERE id_nat = ANY(?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1));
                }
            }
        }
        return present;
    }

    private static long deleteRows(Connection connection, String table, Array ids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM directory." + table + " WHERE id_nat = ANY(?)")) {
            ps.setArray(1, ids);
            return ps.executeLargeUpdate();
        }
    }

    /** Records the checkpoint and, when rows changed, the new generation and counts; returns the generation. */
    private static long updateState(Connection connection, DirectoryDelta delta, boolean changed, long persons,
            long exercices, long activities) throws SQLException {
        String sql = changed
                // content_sha256 = '': the directory is now the last file plus this delta, equal to no file
                ? "UPDATE directory.directory_state SET generation = generation + 1, content_sha256 = '',"
                        + " persons = persons + ?, exercices = exercices + ?, activities = activities + ?,"
                        + " last_sync_on = ?, last_sync_at = now() WHERE id = 1 RETURNING generation"
                : "UPDATE directory.directory_state SET last_sync_on = ?, last_sync_at = now() WHERE id = 1"
                        + " RETURNING generation";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            if (changed) {
                ps.setLong(i++, persons);
                ps.setLong(i++, exercices);
                ps.setLong(i++, activities);
            }
            ps.setDate(i, Date.valueOf(delta.fetchedOn()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("directory.directory_state is empty: migrations not applied?");
                }
                return rs.getLong(1);
            }
        }
    }
}
