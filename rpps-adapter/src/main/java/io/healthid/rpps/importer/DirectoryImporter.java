package io.healthid.rpps.importer;

import io.healthid.rpps.store.DirectoryLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a directory snapshot: one person-activity file (public {@code PS_LibreAcces_Personne_activite} or the PSC
 * extraction) plus optional {@code PS_LibreAcces_SavoirFaire} files. A batch job on JDBC: files are streamed into
 * staging tables with COPY (bounded memory), grouped in SQL into {@code *_next} tables and swapped in atomically.
 * Readers keep the previous directory until the swap commits. Files whose content equals the current directory's
 * (same SHA-256) change nothing, not even the generation.
 *
 * <p>Headers of every file are read and checked before anything is written. See {@link ImportResult} for the policy on
 * malformed lines.
 */
public final class DirectoryImporter {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryImporter.class);

    /** Bump when grouping rules change, so that re-importing the same files rebuilds the directory. */
    private static final String BUILD_VERSION = "directory-build-1";

    private final DataSource dataSource;
    private final ImportSettings settings;

    public DirectoryImporter(DataSource dataSource, ImportSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DirectoryImporter(DataSource dataSource) {
        this(dataSource, ImportSettings.defaults());
    }

    public ImportResult importFiles(List<ImportSource> sources) {
        return importFiles(sources, ImportProgressListener.NONE);
    }

    /**
     * Imports the files as one snapshot.
     *
     * @throws DirectoryImportException when the import is refused as a whole (the directory is unchanged)
     */
    public ImportResult importFiles(List<ImportSource> sources, ImportProgressListener listener) {
        long started = System.nanoTime();
        List<OpenSource> opened = new ArrayList<>();
        try {
            MessageDigest digest = sha256();
            digest.update(BUILD_VERSION.getBytes(StandardCharsets.UTF_8));
            for (ImportSource source : sources) {
                opened.add(open(source, digest));
            }
            checkOneActivityFile(opened);
            opened.sort((a, b) -> Boolean.compare(!a.layout.kind().isPersonActivity(),
                    !b.layout.kind().isPersonActivity()));
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                lock(connection);
                try {
                    return run(connection, opened, digest, listener, started);
                } finally {
                    unlock(connection);
                }
            }
        } catch (SQLException e) {
            throw new DirectoryImportException(DirectoryImportException.Reason.DATABASE_FAILED, null, 0,
                    e.getMessage(), e);
        } catch (IOException e) {
            throw new DirectoryImportException(DirectoryImportException.Reason.READ_FAILED, null, 0, e.getMessage(), e);
        } finally {
            for (OpenSource source : opened) {
                source.close();
            }
        }
    }

    private ImportResult run(Connection connection, List<OpenSource> opened, MessageDigest digest,
            ImportProgressListener listener, long started) throws SQLException, IOException {
        IssueCollector issues = new IssueCollector(settings);
        List<SourceSummary> summaries = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            truncateStaging(st);
            StagingLoader loader = new StagingLoader(settings, issues, listener);
            for (OpenSource source : opened) {
                summaries.add(loader.load(connection, source.source.name(), source.layout, source.reader));
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            DirectoryState current = DirectoryState.read(connection, false);
            long rowsRead = summaries.stream().mapToLong(SourceSummary::rowsRead).sum();
            long rowsAccepted = summaries.stream().mapToLong(SourceSummary::rowsAccepted).sum();
            if (sha.equals(current.contentSha256())) {
                truncateStaging(st);
                listener.onProgress(new ImportProgress(ImportProgress.Phase.DONE, null, rowsRead));
                LOG.info("directory import: content unchanged (generation {}), nothing swapped",
                        current.generation());
                return new ImportResult(false, current.generation(), sha, current.persons(), current.exercices(),
                        current.activities(), countSavoirFaire(st), rowsRead, rowsAccepted, issues.rejectedCount(),
                        issues.rejected(), issues.warningCount(), issues.warnings(), summaries, since(started));
            }
            listener.onProgress(new ImportProgress(ImportProgress.Phase.GROUPING, null, rowsRead));
            long generation = current.generation() + 1;
            DirectoryBuilder.Counts counts = new DirectoryBuilder(settings.workMem()).build(connection, generation);
            listener.onProgress(new ImportProgress(ImportProgress.Phase.SWAPPING, null, rowsRead));
            String names = summaries.stream().map(s -> s.name() + " (" + s.kind() + ")")
                    .collect(Collectors.joining(", "));
            DirectoryState.swap(connection, new DirectoryState(generation, sha, counts.persons(), counts.exercices(),
                    counts.activities()), names, issues.rejectedCount());
            truncateStaging(st);
            listener.onProgress(new ImportProgress(ImportProgress.Phase.DONE, null, rowsRead));
            LOG.info("directory import: generation {} from {}: {} persons, {} exercices, {} activities, {} rejected"
                    + " lines", generation, names, counts.persons(), counts.exercices(), counts.activities(),
                    issues.rejectedCount());
            return new ImportResult(true, generation, sha, counts.persons(), counts.exercices(), counts.activities(),
                    counts.savoirFaire(), rowsRead, rowsAccepted, issues.rejectedCount(), issues.rejected(),
                    issues.warningCount(), issues.warnings(), summaries, since(started));
        } catch (RuntimeException | SQLException | IOException e) {
            cleanUp(connection);
            throw e;
        }
    }

    private OpenSource open(ImportSource source, MessageDigest digest) throws IOException {
        InputStream in = source.opener().open();
        try {
            Utf8LineReader reader = new Utf8LineReader(in, digest, settings.maxLineLength());
            if (!reader.next() || reader.end() == reader.start()) {
                throw new DirectoryImportException(DirectoryImportException.Reason.EMPTY_FILE, source.name(), 1,
                        "no header line");
            }
            String header;
            try {
                header = reader.decodeLine();
            } catch (CharacterCodingException e) {
                throw new DirectoryImportException(DirectoryImportException.Reason.INVALID_ENCODING, source.name(), 1,
                        "header is not UTF-8", e);
            }
            HeaderLayout layout = HeaderLayout.parse(source.name(), header);
            // the kind, not the name: ANS names daily files by date, an identical snapshot must stay a no-op
            digest.update(layout.kind().name().getBytes(StandardCharsets.UTF_8));
            return new OpenSource(source, layout, reader, in);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
    }

    private static void checkOneActivityFile(List<OpenSource> opened) {
        long activityFiles = opened.stream().filter(s -> s.layout.kind().isPersonActivity()).count();
        if (activityFiles == 0) {
            throw new DirectoryImportException(DirectoryImportException.Reason.NO_PERSON_ACTIVITY_FILE, null, 0,
                    "a snapshot needs a PS_LibreAcces_Personne_activite file or a PSC extraction");
        }
        if (activityFiles > 1) {
            throw new DirectoryImportException(DirectoryImportException.Reason.SEVERAL_PERSON_ACTIVITY_FILES, null, 0,
                    "a snapshot has exactly one person-activity file");
        }
    }

    private static void lock(Connection connection) throws SQLException {
        // shared with the delta sync: one writer of the live directory at a time, across nodes
        if (!DirectoryLock.tryLock(connection)) {
            throw new DirectoryImportException(DirectoryImportException.Reason.IMPORT_ALREADY_RUNNING, null, 0,
                    "another directory import or delta sync holds the lock");
        }
    }

    private static void unlock(Connection connection) {
        try {
            DirectoryLock.unlock(connection);
        } catch (SQLException e) {
            LOG.warn("could not release the import lock (released when the connection closes)", e);
        }
    }

    private static void truncateStaging(Statement st) throws SQLException {
        st.execute("TRUNCATE directory.stage_activity, directory.stage_savoir_faire");
    }

    private static void cleanUp(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (Statement st = connection.createStatement()) {
                DirectoryBuilder.dropNextTables(st);
                truncateStaging(st);
            }
        } catch (SQLException e) {
            LOG.warn("could not clean up after a failed import (the next import does it)", e);
        }
    }

    private static long countSavoirFaire(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM directory.savoir_faire")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private record OpenSource(ImportSource source, HeaderLayout layout, Utf8LineReader reader, InputStream in) {
        void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only stream
            }
        }
    }
}
