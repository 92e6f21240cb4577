package io.healthid.idp.keys;

import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * The PostgreSQL of the tests: {@code TEST_POSTGRES_JDBC_URL} when set, else the embedded server in a temporary
 * directory; migrated once per JVM, emptied of signing keys before each test.
 */
public final class TestDatabase {

    /** The key-encryption key the tests' signing keys are stored under. */
    public static final KeyEncryptionKey KEK = KeyEncryptionKey.parse(KeyEncryptionKeyTest.KEY);

    /** The signing-key tests' own database on the embedded server. */
    private static final String DATABASE = "signing_key_tests";

    private static String jdbcUrl;
    private static ConnectionFactory connectionFactory;

    private TestDatabase() {
    }

    public static synchronized ConnectionFactory connectionFactory() {
        if (connectionFactory == null) {
            String url = jdbcUrl();
            Flyway.configure()
                .dataSource(url, user(), password())
                .locations("classpath:db/migration")
                // V1 belongs to another part of the server and may be applied to a shared test database already
                .ignoreMigrationPatterns("*:missing")
                .load()
                .migrate();
            // jdbc:postgresql://host:port/db?params -> r2dbc:postgresql://user:password@host:port/db
            String r2dbcUrl = "r2dbc:" + url.substring("jdbc:".length()).replaceFirst("\\?.*", "");
            ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(r2dbcUrl)
                .mutate()
                .option(ConnectionFactoryOptions.USER, user())
                .option(ConnectionFactoryOptions.PASSWORD, password())
                .build();
            connectionFactory = ConnectionFactories.get(options);
        }
        return connectionFactory;
    }

    public static void deleteAllKeys() {
        execute("DELETE FROM signing_key");
    }

    private static void execute(String sql) {
        try (Connection connection = jdbc()) {
            connection.createStatement().execute(sql);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The raw encrypted column, as an attacker with a database dump would see it. */
    static byte[] encryptedPrivateKey(String kid) {
        try (Connection connection = jdbc();
             var statement = connection.prepareStatement(
                 "SELECT encrypted_private_key FROM signing_key WHERE kid = ?")) {
            statement.setString(1, kid);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("No signing key " + kid);
                }
                return rows.getBytes(1);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static long count(String sqlCount) {
        try (Connection connection = jdbc(); ResultSet rows = connection.createStatement().executeQuery(sqlCount)) {
            rows.next();
            return rows.getLong(1);
        }
        catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Connection jdbc() throws SQLException {
        connectionFactory();
        return DriverManager.getConnection(jdbcUrl, user(), password());
    }

    private static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            String configured = System.getenv("TEST_POSTGRES_JDBC_URL");
            try {
                jdbcUrl = configured != null && !configured.isBlank()
                    ? configured
                    : ownDatabase(EmbeddedPostgresServer.jdbcUrl(Files.createTempDirectory("idp-keys-test-")));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return jdbcUrl;
    }

    /**
     * A database of its own on the JVM's embedded PostgreSQL. In the server's, these tests deleted the running test
     * contexts' signing keys and stored theirs under another key-encryption key: a context's next refresh then logged
     * an ERROR that BadInputTest, which counts them, saw (CI, 4 December).
     */
    private static String ownDatabase(String serverUrl) {
        try (Connection connection = DriverManager.getConnection(serverUrl, user(), password());
                ResultSet exists = connection.createStatement()
                    .executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!exists.next()) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create the signing-key tests' database", ex);
        }
        return serverUrl.replaceFirst("/" + EmbeddedPostgresServer.DATABASE + "(\\?|$)", "/" + DATABASE + "$1");
    }

    private static String user() {
        return envOr("TEST_POSTGRES_USER", EmbeddedPostgresServer.USER);
    }

    private static String password() {
        return envOr("TEST_POSTGRES_PASSWORD", "");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
