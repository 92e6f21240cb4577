package io.healthid.idp.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The operating-system side of an embedded store: what a previous owner of the directory left running (after a
 * {@code kill -9} or a power cut of the JVM alone), stopping it cleanly, and a watchdog that ends a store when this
 * JVM dies (Java cannot ask the kernel for that itself: no {@code PR_SET_PDEATHSIG}).
 */
final class StoreProcesses {

    private static final Path PROC = Path.of("/proc");
    /** The POSIX shell that the watchdogs, the signals other than SIGTERM and Redis's umask need. */
    static final Path SHELL = Path.of("/bin/sh");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * Blocks on a pipe whose only writer is this JVM: EOF means the JVM is gone, however it went. Its third argument,
     * the store's directory, is not used by the script: it names the watchdog for {@code ps} and for the next owner.
     */
    private static final String WATCHDOG = "read -r line; kill -s \"$1\" \"$2\" 2>/dev/null";
    private static final String WATCHDOG_NAME = "idp-watchdog";
    // the pipes' write ends must stay open as long as the JVM lives: keep every watchdog's Process reachable
    private static final Map<Long, Process> WATCHDOGS = new HashMap<>();

    private StoreProcesses() {
    }

    /**
     * The processes serving {@code storeDirectory}: the one its PID file names if it is still that program, and where
     * {@code /proc} shows working directories every other such program working there (a store started by an older
     * version without a PID file); only the topmost process of each tree (a postmaster, not its backends).
     */
    static List<ProcessHandle> serving(Path storeDirectory, Path pidFile, String program) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        readPid(pidFile).flatMap(ProcessHandle::of)
            .filter(process -> isStore(process, storeDirectory, program))
            .ifPresent(found::add);
        if (Files.isDirectory(PROC)) {
            try (Stream<Path> entries = Files.list(PROC)) {
                entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .filter(process -> isStore(process, storeDirectory, program))
                    .forEach(found::add);
            }
            catch (IOException ex) {
                StoreLog.warn("Cannot list {} to look for a {} left running", PROC, program, ex);
            }
        }
        Set<Long> pids = new LinkedHashSet<>();
        found.forEach(process -> pids.add(process.pid()));
        return found.stream()
            .filter(process -> process.parent().map(parent -> !pids.contains(parent.pid())).orElse(true))
            .toList();
    }

    /** Asks each process to stop with {@code signal}, waits for it, and kills what is still there after a grace period. */
    static void stop(List<ProcessHandle> processes, String signal, String what) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle process : processes) {
            signal(process, signal);
        }
        for (ProcessHandle process : processes) {
            if (!awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                StoreLog.warn("{} (PID {}) did not stop within {} s of SIG{}: killing it", what, process.pid(),
                        STOP_GRACE.toSeconds(), signal);
                process.destroyForcibly();
                awaitExit(process, STOP_GRACE);
            }
        }
    }

    /**
     * Stops, as {@link #stop}, a store that a previous owner of the directory left running, after ending that owner's
     * watchdogs of the store: one that did not run (stopped, or slower than us) would otherwise signal its PID later,
     * when that PID may be another process.
     */
    static void stopLeftovers(Path storeDirectory, Path pidFile, String program, String signal, String what) {
        List<ProcessHandle> leftovers = serving(storeDirectory, pidFile, program);
        List<ProcessHandle> watchdogs = watchdogsOf(storeDirectory, leftovers);
        if (!watchdogs.isEmpty()) {
            StoreLog.warn("Watchdog of {} left by a previous owner (PID {}): ending it", storeDirectory, pids(watchdogs));
            watchdogs.forEach(ProcessHandle::destroyForcibly);
            watchdogs.forEach(watchdog -> awaitExit(watchdog, STOP_GRACE));
        }
        if (!leftovers.isEmpty()) {
            StoreLog.warn("{} left running on {} by a previous owner (PID {}): stopping it before starting anew", what,
                    storeDirectory, pids(leftovers));
            stop(leftovers, signal, what);
        }
    }

    private static List<String> pids(List<ProcessHandle> processes) {
        return processes.stream().map(process -> String.valueOf(process.pid())).toList();
    }

    /**
     * Starts a watchdog that sends {@code signal} to {@code store} once this JVM has ended, however it ended; it goes
     * away by itself when the store stops first. Needs a POSIX shell; without one the store outlives a killed JVM
     * and the next start stops it ({@link #stopLeftovers}).
     */
    static synchronized void watch(ProcessHandle store, String signal, Path storeDirectory) {
        if (!Files.isExecutable(SHELL)) {
            return;
        }
        try {
            Process watchdog = new ProcessBuilder(SHELL.toString(), "-c", WATCHDOG, WATCHDOG_NAME, signal,
                    String.valueOf(store.pid()), storeDirectory.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            WATCHDOGS.put(store.pid(), watchdog);
            store.onExit().thenRun(() -> release(store));
        }
        catch (IOException ex) {
            StoreLog.warn("No watchdog for PID {}: it will outlive a killed JVM until the next start", store.pid(), ex);
        }
    }

    /**
     * Another JVM's watchdogs of a store of {@code storeDirectory}: named by it, or (started by an older version that
     * did not name it) watching one of {@code stores}.
     */
    private static List<ProcessHandle> watchdogsOf(Path storeDirectory, List<ProcessHandle> stores) {
        String directory = storeDirectory.toString();
        Set<String> storePids = new LinkedHashSet<>(pids(stores));
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
            .filter(process -> process.parent().map(parent -> parent.pid() != self).orElse(true))
            .filter(process -> process.info().arguments()
                .map(arguments -> arguments.length >= 5 && WATCHDOG_NAME.equals(arguments[2])
                        && (arguments.length > 5 ? directory.equals(arguments[5]) : storePids.contains(arguments[4])))
                .orElse(false))
            .toList();
    }

    /** Ends the watchdog of a store that has stopped (so that a clean stop leaves no process behind). */
    static synchronized void release(ProcessHandle store) {
        Process watchdog = WATCHDOGS.remove(store.pid());
        if (watchdog != null) {
            watchdog.destroy();
            awaitExit(watchdog.toHandle(), Duration.ofSeconds(5));
        }
    }

    static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (IOException | NumberFormatException notThere) {
            return Optional.empty();
        }
    }

    /** Waits for the process to end (polled: the JDK polls non-child processes slowly); true if it did. */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return !process.isAlive();
            }
        }
        return true;
    }

    private static void signal(ProcessHandle process, String signal) {
        if ("TERM".equals(signal) || !Files.isExecutable(SHELL)) {
            process.destroy();
            return;
        }
        try {
            new ProcessBuilder(SHELL.toString(), "-c", "kill -s \"$1\" \"$2\"", "idp-stop", signal,
                    String.valueOf(process.pid()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        }
        catch (IOException ex) {
            process.destroy();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Is this the store program working in that directory? With {@code /proc}, by its working directory (stores
     * change into their data directory) and its executable or command name; elsewhere by the command alone.
     */
    private static boolean isStore(ProcessHandle process, Path storeDirectory, String program) {
        if (process.pid() == ProcessHandle.current().pid() || !process.isAlive()) {
            return false;
        }
        if (!Files.isDirectory(PROC)) {
            return process.info().command().map(command -> Path.of(command).getFileName().toString()
                .startsWith(program)).orElse(false);
        }
        Path proc = PROC.resolve(String.valueOf(process.pid()));
        try {
            if (!Files.readSymbolicLink(proc.resolve("cwd")).equals(storeDirectory.toRealPath())) {
                return false;
            }
            String executable = Files.readSymbolicLink(proc.resolve("exe")).getFileName().toString();
            String commandLine = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8);
            String first = commandLine.split("[\\x00 ]", 2)[0];
            return executable.startsWith(program) || Path.of(first.isEmpty() ? "-" : first).getFileName().toString()
                .startsWith(program);
        }
        catch (IOException | RuntimeException goneOrNotOurs) {
            return false;
        }
    }
}
