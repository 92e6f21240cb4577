package io.healthid.idp.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code redis-server} or {@code redis-sentinel} as an ordinary process on a loopback port, its files in a
 * directory of the test. Killed with SIGKILL to play a primary that dies.
 */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Skips the calling test, with a visible notice, when Debian's Redis packages are not installed. */
    public static void requireRedisPackages() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/redis-server"))
                && Files.isExecutable(Path.of("/usr/bin/redis-sentinel"));
        if (!present) {
            System.err.println("*** NOTICE: redis-server/redis-sentinel not found (apt-get install redis-server "
                    + "redis-sentinel): Redis failover tests SKIPPED ***");
        }
        Assumptions.assumeTrue(present, "redis-server and redis-sentinel are not installed");
    }

    public static RedisProcess server(Path directory, String... settings) throws IOException, InterruptedException {
        int port = LoopbackPorts.free();
        List<String> config = new ArrayList<>(List.of("port " + port, "bind 127.0.0.1", "dir " + directory,
                "save \"\"", "appendonly no", "daemonize no", "logfile " + directory.resolve("redis.log")));
        config.addAll(List.of(settings));
        return start("/usr/bin/redis-server", directory, port, config);
    }

    /** A sentinel monitoring {@code master} at the given port, quorum 2, deciding a primary is down after 1 s. */
    static RedisProcess sentinel(Path directory, String master, int primaryPort) throws IOException, InterruptedException {
        int port = LoopbackPorts.free();
        List<String> config = List.of("port " + port, "bind 127.0.0.1", "dir " + directory, "daemonize no",
                "logfile " + directory.resolve("sentinel.log"),
                "sentinel monitor " + master + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + master + " 1000",
                "sentinel failover-timeout " + master + " 10000",
                "sentinel parallel-syncs " + master + " 1");
        return start("/usr/bin/redis-sentinel", directory, port, config);
    }

    private static RedisProcess start(String executable, Path directory, int port, List<String> config)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path file = directory.resolve("redis.conf");
        // sentinels rewrite their file as they learn the topology: each process has its own
        Files.write(file, config);
        Process process = new ProcessBuilder(executable, file.toString()).redirectErrorStream(true)
            .redirectOutput(directory.resolve("stdout.log").toFile()).start();
        RedisProcess redis = new RedisProcess(port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!LoopbackPorts.accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(executable + " did not start: " + Files.readString(directory.resolve("stdout.log")));
            }
            Thread.sleep(20);
        }
        return redis;
    }

    public int port() {
        return this.port;
    }

    public String address() {
        return "127.0.0.1:" + this.port;
    }

    /** The process dies at once, as a machine that loses power: no shutdown, no last write. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly();
        this.process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
