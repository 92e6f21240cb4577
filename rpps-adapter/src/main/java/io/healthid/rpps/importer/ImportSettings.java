package io.healthid.rpps.importer;

/**
 * Options of an import.
 *
 * @param maxRejectedLines  more rejected lines than this refuse the whole import (a broken row must not block a daily
 *                          refresh, a broken file must not replace the directory)
 * @param maxReportedIssues how many rejected lines and warnings are listed in the result (all are counted)
 * @param progressEveryRows how often LOADING progress is reported
 * @param maxLineLength     longer lines are rejected without being read into memory
 * @param workMem           PostgreSQL {@code work_mem} for the grouping queries
 */
public record ImportSettings(long maxRejectedLines, int maxReportedIssues, long progressEveryRows, int maxLineLength,
        String workMem) {

    public static ImportSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private long maxRejectedLines = 1000;
        private int maxReportedIssues = 100;
        private long progressEveryRows = 100_000;
        private int maxLineLength = 64 * 1024;
        private String workMem = "128MB";

        public Builder maxRejectedLines(long value) {
            this.maxRejectedLines = value;
            return this;
        }

        public Builder maxReportedIssues(int value) {
            this.maxReportedIssues = value;
            return this;
        }

        public Builder progressEveryRows(long value) {
            if (value <= 0) {
                throw new IllegalArgumentException("progressEveryRows must be positive");
            }
            this.progressEveryRows = value;
            return this;
        }

        public Builder maxLineLength(int value) {
            this.maxLineLength = value;
            return this;
        }

        public Builder workMem(String value) {
            if (!value.matches("[0-9]+(kB|MB|GB)")) {
                throw new IllegalArgumentException("work_mem like 64MB expected: " + value);
            }
            this.workMem = value;
            return this;
        }

        public ImportSettings build() {
            return new ImportSettings(maxRejectedLines, maxReportedIssues, progressEveryRows, maxLineLength, workMem);
        }
    }
}
