package io.healthid.idp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector's pauses of a server, read from its {@code -Xlog:gc:file=...:time} log: whether a latency tail at a
 * fixed rate was a stop-the-world collection. One line per pause, e.g.
 * {@code [2026-12-02T18:13:20.123+0000] GC(12) Pause Full (Allocation Failure) 120M->60M(200M) 140.2ms}.
 */
final class GcPauses {

    /** The option that writes the log this class reads. */
    static String option(Path log) {
        return "-Xlog:gc:file=" + log + ":time";
    }

    record Pause(Instant at, boolean full, double millis) {
    }

    /** What the pauses of one window were: how many, how many were full collections, the longest. */
    record Summary(int count, int full, double longestMillis) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d GC pauses (%d full), longest %.1f ms", count, full,
                    longestMillis);
        }
    }

    private static final Pattern LINE = Pattern.compile("^\\[([^\\]]+)\\].*\\bPause (Young|Full|Remark|Cleanup)\\b.*?"
            + "([0-9.]+)ms\\s*$");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private GcPauses() {
    }

    static Summary between(Path log, Instant from, Instant to) {
        List<Pause> pauses = read(log).stream().filter(p -> !p.at().isBefore(from) && p.at().isBefore(to)).toList();
        return new Summary(pauses.size(), (int) pauses.stream().filter(Pause::full).count(),
                pauses.stream().mapToDouble(Pause::millis).max().orElse(0));
    }

    static List<Pause> read(Path log) {
        try {
            return Files.readAllLines(log).stream().map(LINE::matcher).filter(Matcher::matches)
                .map(m -> new Pause(OffsetDateTime.parse(m.group(1), TIME).toInstant(), m.group(2).equals("Full"),
                        Double.parseDouble(m.group(3))))
                .toList();
        }
        catch (IOException ex) {
            return List.of(); // no log: no pauses to tell
        }
    }
}
