package io.healthid.idp.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import redis.embedded.RedisServer;

/**
 * A real Redis server run from the application's data directory (append-only file on, so a restart loses no
 * session), for the demo and the tests when no Redis is configured. One per JVM.
 */
public final class EmbeddedRedisServer {

    private static RedisServer server;
    private static int port;
    /** Per JVM: nothing else on this machine may read or write the sessions, even on loopback. */
    private static final String PASSWORD = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));

    private EmbeddedRedisServer() {
    }

    /** Starts the server on first call and returns its {@code redis://} URL. */
    public static synchronized String url(Path dataDirectory) {
        if (server == null) {
            try {
                Path data = dataDirectory.resolve("redis").toAbsolutePath();
                Files.createDirectories(data);
                // the append-only file holds sessions and tokens: owner only
                restrictToOwner(data);
                port = freePort();
                server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + data)
                    .setting("appendonly yes")
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .setting("requirepass " + PASSWORD)
                    .build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedRedisServer::stopQuietly, "embedded-redis-stop"));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Embedded Redis did not start in " + dataDirectory, ex);
            }
        }
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** Stops the server (tests use it to prove recovery after a Redis restart). */
    public static synchronized void stop() {
        stopQuietly();
    }

    /** Starts the same server again on the same port and data directory. */
    public static synchronized void restart() {
        try {
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void stopQuietly() {
        try {
            if (server != null && server.isActive()) {
                server.stop();
            }
        }
        catch (IOException ignored) {
            // stopping at JVM exit: nothing more to do
        }
    }

    private static void restrictToOwner(Path directory) throws IOException {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
