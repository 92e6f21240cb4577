package io.healthid.idp.embedded;

import java.nio.file.Path;

/** A JVM that only starts the embedded stores on a data directory, as the server does, and waits to be killed. */
public final class EmbeddedStoresOnly {

    private EmbeddedStoresOnly() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of(args[0]);
        int postgres = EmbeddedPostgresServer.port(dataDirectory, true);
        String redis = EmbeddedRedisServer.url(dataDirectory, null);
        System.out.println("stores ready: PostgreSQL on " + postgres + ", Redis at " + redis);
        Thread.currentThread().join();
    }
}
