package io.healthid.rpps.importer;

import java.util.List;

/** What one file contributed to an import. */
public record SourceSummary(String name, FileKind kind, int columns, List<String> ignoredColumns, long rowsRead,
        long rowsAccepted, long rowsRejected) {
}
