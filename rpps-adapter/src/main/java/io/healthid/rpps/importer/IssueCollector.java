package io.healthid.rpps.importer;

import java.util.ArrayList;
import java.util.List;

/** Counts rejected lines and warnings, keeps the first few for the report, and enforces the rejection threshold. */
final class IssueCollector {

    private final ImportSettings settings;
    private final List<LineIssue> rejected = new ArrayList<>();
    private final List<LineIssue> warnings = new ArrayList<>();
    private long rejectedCount;
    private long warningCount;

    IssueCollector(ImportSettings settings) {
        this.settings = settings;
    }

    void reject(String source, long line, LineIssue.Reason reason, String detail) {
        rejectedCount++;
        if (rejected.size() < settings.maxReportedIssues()) {
            rejected.add(new LineIssue(source, line, reason, detail));
        }
        if (rejectedCount > settings.maxRejectedLines()) {
            throw new DirectoryImportException(DirectoryImportException.Reason.TOO_MANY_REJECTED_LINES, source, line,
                    "more than " + settings.maxRejectedLines() + " rejected lines; first ones: " + rejected);
        }
    }

    void warn(String source, long line, LineIssue.Reason reason, String detail) {
        warningCount++;
        if (warnings.size() < settings.maxReportedIssues()) {
            warnings.add(new LineIssue(source, line, reason, detail));
        }
    }

    long rejectedCount() {
        return rejectedCount;
    }

    List<LineIssue> rejected() {
        return List.copyOf(rejected);
    }

    long warningCount() {
        return warningCount;
    }

    List<LineIssue> warnings() {
        return List.copyOf(warnings);
    }
}
