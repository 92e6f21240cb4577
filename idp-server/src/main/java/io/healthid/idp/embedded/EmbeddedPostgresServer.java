package io.healthid.idp.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A real PostgreSQL server run from the application's data directory, for the demo and the tests when no database
 * is configured. One per JVM: every Spring context of a test run shares it. Durable (fsync, synchronous commit, full
 * page writes) for the server; the tests may ask for the fast settings (ADR 0007).
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";
    static final String PROGRAM = "postgres";
    static final String PID_FILE = "postmaster.pid";
    /** SIGINT is PostgreSQL's fast shutdown: sessions are ended, a checkpoint is written, the server exits. */
    private static final String STOP_SIGNAL = "INT";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private static final BackgroundStart BACKGROUND = new BackgroundStart(EmbeddedPostgresServer.class, "postgres");

    private static EmbeddedPostgres server;
    private static BackgroundStart.Starting<Integer> starting;
    private static ProcessHandle postmaster;
    private static Path dataDirectory;
    private static boolean durable;

    private EmbeddedPostgresServer() {
    }

    /** Starts the server on first call with the fast settings (tests) and returns its JDBC URL. */
    public static synchronized String jdbcUrl(Path dataDirectory) {
        return start(dataDirectory, false).getJdbcUrl(USER, DATABASE);
    }

    /** Starts the server on first call, owning {@code dataDirectory}, and returns its port. */
    public static synchronized int port(Path dataDirectory, boolean durable) {
        return start(dataDirectory, durable).getPort();
    }

    /**
     * As {@link #port}, the start itself (initdb on a new directory, then the server) on a thread of its own (ADR 0007,
     * start-up in parallel): the data directory is locked and what a previous owner left running is stopped before
     * this returns.
     */
    public static synchronized BackgroundStart.Starting<Integer> startInBackground(Path dataDirectory,
            boolean durableSettings) {
        BACKGROUND.awaitEnd();
        if (starting == null && server != null) {
            starting = new BackgroundStart.Starting<>(server.getPort(), CompletableFuture.completedFuture(null));
        }
        else if (starting == null) {
            prepare(dataDirectory);
            int port = FreePort.pick();
            starting = new BackgroundStart.Starting<>(port, BACKGROUND.begin(() -> started(dataDirectory, port,
                    durableSettings)));
        }
        // a start that failed fails every context of this JVM alike, with its own message
        return starting;
    }

    /**
     * For a command run beside the server ({@code directory import} while it runs): the port of the PostgreSQL that
     * the owner of {@code dataDirectory} runs, or, when nobody owns it, of one this process starts and owns.
     */
    public static synchronized int sharedPort(Path dataDirectory, boolean durable) {
        BACKGROUND.awaitEnd();
        if (server != null) {
            return server.getPort();
        }
        Optional<DataDirectoryLock.Owner> owner = DataDirectoryLock.tryAcquire(dataDirectory, "idp command");
        if (owner.isEmpty()) {
            return start(dataDirectory, durable).getPort();
        }
        return runningPort(dataDirectory).orElseThrow(() -> new DataDirectoryInUseException(owner.get()));
    }

    /**
     * PostgreSQL writes its port on line 4 of {@code postmaster.pid}: the owner's server, if something answers there.
     */
    static OptionalInt runningPort(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postgres").resolve(PID_FILE);
        try {
            List<String> lines = Files.readAllLines(pidFile);
            int port = Integer.parseInt(lines.get(3).trim());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 500);
                return OptionalInt.of(port);
            }
        }
        catch (IOException | RuntimeException notRunning) {
            return OptionalInt.empty();
        }
    }

    private static EmbeddedPostgres start(Path directory, boolean durableSettings) {
        BACKGROUND.awaitEnd();
        if (server == null) {
            prepare(directory);
            started(directory, 0, durableSettings);
        }
        return server;
    }

    /** The lock, then what a previous owner left running stopped: before anything starts (ADR 0007). */
    private static void prepare(Path directory) {
        DataDirectoryLock.acquire(directory, "idp-server");
        Path data = directory.resolve("postgres").toAbsolutePath();
        try {
            Files.createDirectories(data);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + directory, ex);
        }
        StoreProcesses.stopLeftovers(data, data.resolve(PID_FILE), PROGRAM, STOP_SIGNAL, "PostgreSQL");
    }

    private static void started(Path directory, int port, boolean durableSettings) {
        server = startOn(directory, port, durableSettings);
        dataDirectory = directory;
        durable = durableSettings;
    }

    /** Stops the server and waits until it has (tests also use it to prove the behaviour while it is down). */
    public static synchronized void stop() {
        BACKGROUND.awaitEnd();
        if (server == null) {
            return;
        }
        try {
            server.close();
        }
        catch (IOException ex) {
            StoreLog.warn("pg_ctl stop failed: signalling the postmaster", ex);
        }
        if (postmaster != null && postmaster.isAlive()) {
            // pg_ctl gives up after 5 s; a checkpoint of a durable server may take longer: wait for the process itself
            StoreProcesses.stop(List.of(postmaster), STOP_SIGNAL, "PostgreSQL");
        }
        if (postmaster != null) {
            StoreProcesses.release(postmaster);
        }
    }

    /** Starts the server again on the same port and data. */
    public static synchronized void restart() {
        BACKGROUND.awaitEnd();
        server = startOn(dataDirectory, server.getPort(), durable);
    }

    private static EmbeddedPostgres startOn(Path directory, int port, boolean durableSettings) {
        Path data = directory.resolve("postgres").toAbsolutePath();
        try {
            Path logFile = directory.resolve("postgres.log");
            OwnerOnly.file(logFile);
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                // zonky's own JVM shutdown hook would stop it beside Spring Boot's, during the drain (ADR 0007)
                .setRegisterShutdownHook(false)
                .setPGStartupWait(STOP_WAIT)
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setServerConfig("max_connections", "200");
            // zonky passes -F (fsync off); a later -c wins, so the durable settings are explicit
            if (durableSettings) {
                builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            }
            else {
                builder.setServerConfig("synchronous_commit", "off");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres started = builder.start();
            postmaster = StoreProcesses.readPid(data.resolve(PID_FILE)).flatMap(ProcessHandle::of).orElse(null);
            if (postmaster != null) {
                StoreProcesses.watch(postmaster, STOP_SIGNAL, data);
            }
            StoreLog.info("Embedded PostgreSQL (PID {}) on port {}, data in {} ({})",
                    postmaster == null ? "?" : postmaster.pid(), started.getPort(), data,
                    durableSettings ? "durable: fsync and synchronous commit on" : "fast test settings: fsync off");
            return started;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + directory, ex);
        }
    }
}
