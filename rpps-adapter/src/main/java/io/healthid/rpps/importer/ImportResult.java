package io.healthid.rpps.importer;

import java.time.Duration;
import java.util.List;

/**
 * Outcome of a successful import.
 *
 * <p>Policy: a malformed line (wrong field count, invalid idNat, too long) is skipped, counted and listed with its line
 * number; the import goes on. The whole import is refused (nothing changes) only for file-level problems: unknown or
 * incomplete header, invalid UTF-8, or more rejected lines than {@link ImportSettings#maxRejectedLines()}.
 *
 * @param changed     false when the files had exactly the content of the current directory: nothing was swapped
 * @param generation  directory generation readers now see (unchanged when {@code changed} is false)
 */
public record ImportResult(
        boolean changed,
        long generation,
        String contentSha256,
        long persons,
        long exercices,
        long activities,
        long savoirFaire,
        long rowsRead,
        long rowsAccepted,
        long rejectedLineCount,
        List<LineIssue> rejectedLines,
        long warningCount,
        List<LineIssue> warnings,
        List<SourceSummary> sources,
        Duration duration) {
}
