package io.healthid.rpps.importer;

import io.healthid.rpps.idnat.InvalidReason;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.ParsedNationalId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Streams the data lines of one file into a staging table with COPY. Each accepted line becomes one staging row with
 * its line number; grouping is left to SQL so that rows of a person may be anywhere in the file.
 */
final class StagingLoader {

    private static final List<Column> ACTIVITY_ROW_COLUMNS = List.of(Column.values());
    private static final List<Column> SAVOIR_FAIRE_ROW_COLUMNS = List.of(Column.ID_NAT, Column.PROFESSION_CODE,
            Column.CATEGORY_CODE, Column.SAVOIR_FAIRE_TYPE_CODE, Column.SAVOIR_FAIRE_TYPE_LABEL,
            Column.SAVOIR_FAIRE_CODE, Column.SAVOIR_FAIRE_LABEL);

    private final ImportSettings settings;
    private final IssueCollector issues;
    private final ImportProgressListener listener;

    StagingLoader(ImportSettings settings, IssueCollector issues, ImportProgressListener listener) {
        this.settings = settings;
        this.issues = issues;
        this.listener = listener;
    }

    SourceSummary load(Connection connection, String source, HeaderLayout layout, Utf8LineReader reader)
            throws SQLException, IOException {
        boolean personActivity = layout.kind().isPersonActivity();
        List<Column> columns = personActivity ? ACTIVITY_ROW_COLUMNS : SAVOIR_FAIRE_ROW_COLUMNS;
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = layout.position(columns.get(i));
        }
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        CopyTextWriter out = new CopyTextWriter(copyManager.copyIn(copySql(personActivity, columns)));
        int fieldCount = layout.fieldCount();
        int[] starts = new int[fieldCount + 1];
        int[] ends = new int[fieldCount + 1];
        long read = 0;
        long accepted = 0;
        long rejectedBefore = issues.rejectedCount();
        try {
            while (reader.next()) {
                read++;
                long line = reader.lineNumber();
                if (read % settings.progressEveryRows() == 0) {
                    listener.onProgress(new ImportProgress(ImportProgress.Phase.LOADING, source, read));
                }
                if (reader.tooLong()) {
                    issues.reject(source, line, LineIssue.Reason.LINE_TOO_LONG,
                            "longer than " + settings.maxLineLength() + " bytes");
                    continue;
                }
                byte[] buf = reader.buffer();
                int start = reader.start();
                int end = reader.end();
                if (start == end) {
                    continue; // blank line, typically at end of file
                }
                int bad = reader.firstMalformedOffset();
                if (bad >= 0) {
                    throw new DirectoryImportException(DirectoryImportException.Reason.INVALID_ENCODING, source, line,
                            "byte 0x" + Integer.toHexString(buf[start + bad] & 0xff) + " at column " + (bad + 1)
                                    + " is not UTF-8");
                }
                int found = split(buf, start, end, starts, ends, fieldCount);
                if (found != fieldCount) {
                    issues.reject(source, line, LineIssue.Reason.WRONG_FIELD_COUNT,
                            "expected " + fieldCount + " fields, found " + found);
                    continue;
                }
                int idAt = layout.position(Column.ID_NAT);
                String rawId = new String(buf, starts[idAt], ends[idAt] - starts[idAt], StandardCharsets.UTF_8);
                ParsedNationalId parsed = NationalId.parse(rawId);
                String idNat;
                if (parsed instanceof ParsedNationalId.Valid valid) {
                    idNat = valid.id().idNat();
                } else if (((ParsedNationalId.Invalid) parsed).reason() == InvalidReason.BAD_CHECK_DIGIT) {
                    idNat = rawId.strip();
                    issues.warn(source, line, LineIssue.Reason.CHECK_DIGIT_MISMATCH, rawId);
                } else {
                    issues.reject(source, line, LineIssue.Reason.INVALID_NATIONAL_ID,
                            ((ParsedNationalId.Invalid) parsed).reason() + ": '" + rawId + "'");
                    continue;
                }
                writeRow(out, line, idNat, columns, positions, buf, starts, ends, personActivity);
                accepted++;
            }
            out.finish();
        } catch (RuntimeException | SQLException | IOException e) {
            out.cancel();
            throw e;
        }
        listener.onProgress(new ImportProgress(ImportProgress.Phase.LOADING, source, read));
        return new SourceSummary(source, layout.kind(), layout.fieldCount(), layout.ignoredHeaders(), read, accepted,
                issues.rejectedCount() - rejectedBefore);
    }

    private static void writeRow(CopyTextWriter out, long line, String idNat, List<Column> columns, int[] positions,
            byte[] buf, int[] starts, int[] ends, boolean personActivity) throws SQLException {
        out.field(line);
        long hash = 0xcbf29ce484222325L; // FNV-1a 64 over the activity fields
        boolean hasActivity = false;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int at = positions[i];
            if (column == Column.ID_NAT) {
                out.field(idNat);
                continue;
            }
            if (at < 0) {
                out.emptyField();
                continue;
            }
            int s = starts[at];
            int e = ends[at];
            out.field(buf, s, e);
            if (personActivity && column.activityField()) {
                for (int k = s; k < e; k++) {
                    hash ^= buf[k];
                    hash *= 0x100000001b3L;
                }
                hash ^= '|';
                hash *= 0x100000001b3L;
                if (e > s && column.activityDefining()) {
                    hasActivity = true;
                }
            }
        }
        if (personActivity) {
            out.field(hash);
            out.field(hasActivity);
        }
        out.endRow();
    }

    /**
     * Finds field boundaries; a trailing {@code |} (ANS ends every line with one) closes the last field. Returns the
     * number of fields, which may exceed {@code max} (then the boundaries are not all recorded).
     */
    static int split(byte[] buf, int start, int end, int[] starts, int[] ends, int max) {
        int effectiveEnd = end;
        if (effectiveEnd > start && buf[effectiveEnd - 1] == '|') {
            effectiveEnd--;
        }
        int count = 0;
        int fieldStart = start;
        for (int i = start; i < effectiveEnd; i++) {
            if (buf[i] == '|') {
                if (count < max) {
                    starts[count] = fieldStart;
                    ends[count] = i;
                }
                count++;
                fieldStart = i + 1;
            }
        }
        if (count < max) {
            starts[count] = fieldStart;
            ends[count] = effectiveEnd;
        }
        return count + 1;
    }

    private static String copySql(boolean personActivity, List<Column> columns) {
        List<String> names = new ArrayList<>();
        names.add("line_no");
        for (Column c : columns) {
            if (!personActivity) {
                names.add(switch (c) {
                    case SAVOIR_FAIRE_TYPE_CODE -> "type_code";
                    case SAVOIR_FAIRE_TYPE_LABEL -> "type_label";
                    case SAVOIR_FAIRE_CODE -> "code";
                    case SAVOIR_FAIRE_LABEL -> "label";
                    default -> c.sqlName();
                });
            } else {
                names.add(c.sqlName());
            }
        }
        if (personActivity) {
            names.add("activity_hash");
            names.add("has_activity");
        }
        String table = personActivity ? "directory.stage_activity" : "directory.stage_savoir_faire";
        return "COPY " + table + " (" + String.join(", ", names) + ") FROM STDIN";
    }
}
