package io.healthid.idp.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real Redis server run from the application's data directory, for the demo and the tests when no Redis is
 * configured. One per JVM. Append-only file on with {@code appendfsync everysec} (ADR 0007): a killed JVM loses
 * nothing (Redis outlives it long enough to stop cleanly), a power cut at most the last second.
 */
public final class EmbeddedRedisServer {

    static final String PROGRAM = "redis-server";
    static final String PID_FILE = "redis.pid";
    private static final Duration READY_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final BackgroundStart BACKGROUND = new BackgroundStart(EmbeddedRedisServer.class, "redis");

    private static Process server;
    private static BackgroundStart.Starting<String> starting;
    private static Path directory;
    private static Path executable;
    private static int port;
    /** Per JVM: nothing else on this machine may read or write the sessions, even on loopback (ADR 0012). */
    private static final String PASSWORD = newPassword();

    private EmbeddedRedisServer() {
    }

    /** Starts the packaged Redis on first call and returns its {@code redis://} URL. */
    public static synchronized String url(Path dataDirectory) {
        return url(dataDirectory, null);
    }

    /**
     * Starts Redis on first call (the given {@code redis-server}, or the packaged one when {@code null}), after
     * stopping one a previous owner of the directory left running, and returns its {@code redis://} URL.
     */
    public static synchronized String url(Path dataDirectory, String configuredExecutable) {
        BACKGROUND.awaitEnd();
        if (server == null) {
            prepare(dataDirectory, configuredExecutable);
            start();
        }
        return url();
    }

    /**
     * As {@link #url(Path, String)}, the start itself on a thread of its own (ADR 0007, start-up in parallel): the
     * data directory is locked and what a previous owner left running is stopped before this returns.
     */
    public static synchronized BackgroundStart.Starting<String> startInBackground(Path dataDirectory,
            String configuredExecutable) {
        BACKGROUND.awaitEnd();
        if (starting == null && server != null) {
            starting = new BackgroundStart.Starting<>(url(), CompletableFuture.completedFuture(null));
        }
        else if (starting == null) {
            prepare(dataDirectory, configuredExecutable);
            starting = new BackgroundStart.Starting<>(url(), BACKGROUND.begin(EmbeddedRedisServer::start));
        }
        // a start that failed fails every context of this JVM alike, with its own message
        return starting;
    }

    private static void prepare(Path dataDirectory, String configuredExecutable) {
        DataDirectoryLock.acquire(dataDirectory, "idp-server");
        directory = dataDirectory.resolve("redis").toAbsolutePath();
        executable = RedisExecutable.resolve(configuredExecutable, dataDirectory.toAbsolutePath());
        try {
            // the append-only file holds sessions and tokens, redis.conf the password: owner only
            OwnerOnly.directory(directory);
            OwnerOnly.tree(directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded Redis did not start in " + dataDirectory, ex);
        }
        StoreProcesses.stopLeftovers(directory, directory.resolve(PID_FILE), PROGRAM, "TERM", "Redis");
        port = FreePort.pick();
    }

    private static String url() {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** Stops the server and waits until it has (tests also use it to prove recovery after a Redis restart). */
    public static synchronized void stop() {
        BACKGROUND.awaitEnd();
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!StoreProcesses.awaitExit(server.toHandle(), STOP_WAIT)) {
                StoreLog.warn("Redis (PID {}) did not stop within {} s: killing it", server.pid(), STOP_WAIT.toSeconds());
                server.destroyForcibly();
            }
            StoreProcesses.release(server.toHandle());
        }
    }

    /** Starts the same server again on the same port and data directory. */
    public static synchronized void restart() {
        BACKGROUND.awaitEnd();
        start();
    }

    private static void start() {
        try {
            Path config = directory.resolve("redis.conf");
            OwnerOnly.file(config);
            Files.write(config, List.of(
                    "bind 127.0.0.1",
                    "port " + port,
                    "protected-mode yes",
                    "requirepass " + PASSWORD,
                    "daemonize no",
                    "dir \"" + directory + "\"",
                    "pidfile \"" + directory.resolve(PID_FILE) + "\"",
                    "appendonly yes",
                    "appendfsync everysec",
                    "save \"\""));
            Path log = directory.resolve("redis.log");
            OwnerOnly.file(log);
            // umask 077: the append-only files Redis creates are mode 600
            server = new ProcessBuilder(OwnerOnly.command(List.of(executable.toString(), config.toString())))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            awaitReady(log);
            StoreProcesses.watch(server.toHandle(), "TERM", directory);
            StoreLog.info("Embedded Redis (PID {}) on 127.0.0.1:{}, data in {}", server.pid(), port, directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded Redis did not start in " + directory, ex);
        }
    }

    /** Redis answers LOADING while it replays the append-only file: ready is a PONG. */
    private static void awaitReady(Path log) throws IOException {
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("Redis exited with status " + server.exitValue() + ", see " + log);
            }
            if (answersPong()) {
                return;
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Redis", ex);
            }
        }
        server.destroyForcibly();
        throw new IOException("Redis did not answer within " + READY_WAIT.toSeconds() + " s, see " + log);
    }

    private static boolean answersPong() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(("AUTH " + PASSWORD + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[12];
            int read = in.readNBytes(answer, 0, answer.length);
            return read == 12 && new String(answer, StandardCharsets.US_ASCII).equals("+OK\r\n+PONG\r\n");
        }
        catch (IOException notYet) {
            return false;
        }
    }

    private static String newPassword() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
