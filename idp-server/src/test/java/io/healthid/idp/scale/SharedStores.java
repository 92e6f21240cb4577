package io.healthid.idp.scale;

import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.idp.embedded.EmbeddedRedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The stores a group of nodes shares: a database of its own on the JVM's PostgreSQL (so the nodes start from an empty
 * schema, like a new deployment, whatever other tests left) and a Redis, with one key-encryption key for all nodes.
 */
final class SharedStores {

    private final String database;
    private final int postgresPort;
    private final Map<String, String> redis;
    private final String keyEncryptionKey;

    private SharedStores(String database, int postgresPort, Map<String, String> redis) {
        this.database = database;
        this.postgresPort = postgresPort;
        this.redis = redis;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.keyEncryptionKey = Base64.getEncoder().encodeToString(key);
    }

    /** A fresh database on the embedded PostgreSQL, and a database of the JVM's embedded Redis. */
    static SharedStores create() {
        // database 5 of the JVM's Redis: the nodes' keys stay apart from the other tests'
        return create(Map.of("spring.data.redis.url", EmbeddedRedisServer.url(temporaryDirectory()) + "/5"));
    }

    /** A fresh database on the embedded PostgreSQL, and the Redis the given {@code spring.data.redis.*} name. */
    static SharedStores create(Map<String, String> redis) {
        Path directory = temporaryDirectory();
        String jdbc = EmbeddedPostgresServer.jdbcUrl(directory);
        String database = "scale_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(jdbc, EmbeddedPostgresServer.USER, "")) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create the nodes' database", ex);
        }
        int port = Integer.parseInt(jdbc.replaceFirst("^jdbc:postgresql://[^:]+:(\\d+)/.*$", "$1"));
        return new SharedStores(database, port, redis);
    }

    /** The Redis URL of a group on a standalone Redis. */
    String redisUrl() {
        return this.redis.get("spring.data.redis.url");
    }

    /** What every node of the group is given: the stores, the key-encryption key, the sample directory. */
    Map<String, String> nodeProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.r2dbc.url", "r2dbc:postgresql://localhost:" + this.postgresPort + "/" + this.database);
        properties.put("spring.r2dbc.username", EmbeddedPostgresServer.USER);
        properties.put("spring.r2dbc.password", "");
        properties.put("idp.keys.encryption-key", this.keyEncryptionKey);
        properties.put("idp.directory.load-sample", "true");
        properties.putAll(this.redis);
        return properties;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("idp-scale-");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
