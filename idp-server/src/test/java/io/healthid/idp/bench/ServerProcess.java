package io.healthid.idp.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server under test started as a new user would, timed from launch to its discovery document answering. */
final class ServerProcess implements AutoCloseable {

    /** USER_HZ: the unit of /proc's CPU times, 100 on every Linux this runs on ({@code getconf CLK_TCK}). */
    private static final long TICKS_PER_SECOND = 100;

    final Process process;
    final long readyMillis;

    private ServerProcess(Process process, long readyMillis) {
        this.process = process;
        this.readyMillis = readyMillis;
    }

    static ServerProcess start(List<String> command, Map<String, String> environment, Path directory, String readyUrl,
            Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited during start-up, see " + log);
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(readyUrl))
                    .timeout(Duration.ofSeconds(1)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return new ServerProcess(process, (System.nanoTime() - start) / 1_000_000);
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("server not ready after 10 minutes, see " + log);
    }

    /** Resident memory of the server's JVM, in MB: the process itself, or the JVM its launch script started. */
    double jvmRssMb() {
        return rssKb(jvm().pid()) / 1024.0;
    }

    /** Resident memory of the other processes it started (embedded PostgreSQL and Redis), in MB. */
    double childrenRssMb() {
        long jvm = jvm().pid();
        return this.process.descendants().filter(child -> child.pid() != jvm).mapToLong(child -> rssKb(child.pid()))
            .sum() / 1024.0;
    }

    /** Keycloak's {@code kc.sh} is a shell that starts {@code java}: its own RSS is the shell's few MB. */
    private ProcessHandle jvm() {
        if (isJava(this.process.toHandle())) {
            return this.process.toHandle();
        }
        return this.process.descendants().filter(ServerProcess::isJava).findFirst().orElse(this.process.toHandle());
    }

    private static boolean isJava(ProcessHandle handle) {
        return handle.info().command().map(command -> command.endsWith("/java")).orElse(false);
    }

    /** CPU time (user + system) the server and the processes it started have used so far, in milliseconds. */
    long cpuMillis() {
        return cpuMillisOf(this.process.pid())
                + this.process.descendants().mapToLong(child -> cpuTicks(child.pid())).sum() * 1000 / TICKS_PER_SECOND;
    }

    /** CPU time (user + system) one process has used so far, in milliseconds; 0 once it ended. */
    static long cpuMillisOf(long pid) {
        return cpuTicks(pid) * 1000 / TICKS_PER_SECOND;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15, counted after the command name in parentheses). */
    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException gone) {
            return 0; // the process ended
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        }
        catch (IOException | NumberFormatException gone) {
            // the process ended
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = this.process.descendants().toList();
        this.process.destroy();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            this.process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
