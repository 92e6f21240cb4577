package io.healthid.idp.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL server run from the application's data directory, for the demo and the tests when no database
 * is configured. One per JVM: every Spring context of a test run shares it.
 */
public final class EmbeddedPostgresServer {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private static EmbeddedPostgres server;
    private static Path dataDirectory;

    private EmbeddedPostgresServer() {
    }

    /** Starts the server on first call (data kept under {@code dataDirectory}) and returns its JDBC URL. */
    public static synchronized String jdbcUrl(Path dataDirectory) {
        return start(dataDirectory).getJdbcUrl(USER, DATABASE);
    }

    /** The port of an embedded server already running on this data directory (a server started by another process). */
    public static synchronized int port(Path dataDirectory) {
        java.util.OptionalInt running = runningPort(dataDirectory);
        return running.isPresent() ? running.getAsInt() : start(dataDirectory).getPort();
    }

    /**
     * PostgreSQL writes its port on line 4 of {@code postmaster.pid}; when something answers there, the data directory
     * is in use by another process (the server, while an operator runs a {@code directory} command) and we share it.
     */
    static java.util.OptionalInt runningPort(Path dataDirectory) {
        if (server != null) {
            return java.util.OptionalInt.empty();
        }
        Path pidFile = dataDirectory.resolve("postgres").resolve("postmaster.pid");
        try {
            java.util.List<String> lines = Files.readAllLines(pidFile);
            int port = Integer.parseInt(lines.get(3).trim());
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("localhost", port), 500);
                return java.util.OptionalInt.of(port);
            }
        }
        catch (IOException | RuntimeException notRunning) {
            return java.util.OptionalInt.empty();
        }
    }

    private static EmbeddedPostgres start(Path directory) {
        if (server == null) {
            server = startOn(directory, 0);
            dataDirectory = directory;
        }
        return server;
    }

    /** Stops the server (tests use it to prove the behaviour while the database is down). */
    public static synchronized void stop() {
        try {
            server.close();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the server again on the same port and data. */
    public static synchronized void restart() {
        server = startOn(dataDirectory, server.getPort());
    }

    private static EmbeddedPostgres startOn(Path directory, int port) {
        try {
            Path data = directory.resolve("postgres");
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start in " + directory, ex);
        }
    }
}
