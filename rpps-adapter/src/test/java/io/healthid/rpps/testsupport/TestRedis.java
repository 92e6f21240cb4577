package io.healthid.rpps.testsupport;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** One real Redis per test JVM: embedded, or the one named by {@code TEST_REDIS_URL}. */
public final class TestRedis {

    private static RedisURI uri;

    private TestRedis() {
    }

    public static synchronized RedisURI uri() {
        if (uri == null) {
            String url = System.getenv("TEST_REDIS_URL");
            if (url != null && !url.isBlank()) {
                uri = RedisURI.create(url);
            } else {
                int port = freePort();
                try {
                    RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1")
                            .setting("save \"\"").setting("appendonly no").build();
                    redis.start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            redis.stop();
                        } catch (IOException ignored) {
                            // JVM is exiting
                        }
                    }));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded Redis", e);
                }
                uri = RedisURI.create("redis://127.0.0.1:" + port);
            }
        }
        return uri;
    }

    /** A port where nothing listens, to play "Redis is down". */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
