package io.healthid.idp.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What {@code ls -l /proc/PID/cwd} and {@code cat /proc/PID/cmdline} tell an operator about running processes. */
final class ProcTable {

    /** A process, its working directory and its command line as the kernel shows them. */
    record Entry(long pid, Path cwd, List<String> argv) {

        String program() {
            return argv.isEmpty() ? "" : argv.get(0);
        }

        /** A postmaster: the {@code postgres} binary started with {@code -D} (its backends rename themselves). */
        boolean isPostmaster() {
            return program().endsWith("/postgres") && argv.contains("-D");
        }

        boolean isRedis() {
            return program().contains("redis-server");
        }
    }

    private ProcTable() {
    }

    /** Kills what still works in {@code directory}: a test's leftovers, so that none outlives it. */
    static void killWorkingIn(Path directory) throws IOException {
        workingIn(directory).forEach(entry -> ProcessHandle.of(entry.pid()).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** Every process whose working directory is {@code directory} or below it. */
    static List<Entry> workingIn(Path directory) throws IOException {
        Path real = directory.toRealPath();
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path proc : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
                    if (cwd.startsWith(real)) {
                        String cmdline = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
                        entries.add(new Entry(Long.parseLong(proc.getFileName().toString()), cwd,
                                List.of(cmdline.split("[\\x00 ]+"))));
                    }
                }
                catch (IOException gone) {
                    // ended while we looked, or not ours to read
                }
            }
        }
        return entries;
    }

    static List<Entry> postmasters(Path directory) throws IOException {
        return workingIn(directory).stream().filter(Entry::isPostmaster).toList();
    }

    static List<Entry> redisServers(Path directory) throws IOException {
        return workingIn(directory).stream().filter(Entry::isRedis).toList();
    }
}
