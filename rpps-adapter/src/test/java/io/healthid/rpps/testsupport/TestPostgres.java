package io.healthid.rpps.testsupport;

import io.healthid.rpps.store.DirectoryMigrations;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL per test JVM: an embedded one, or the server named by {@code TEST_POSTGRES_JDBC_URL}
 * ({@code TEST_POSTGRES_USER}, {@code TEST_POSTGRES_PASSWORD}). Each test class gets its own fresh database so that
 * imports in one class never change what another class sees.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    private record Server(String host, int port, String adminDatabase, String user, String password) {
    }

    /** A freshly created database, migrated. */
    public record Database(String name, DataSource dataSource, ConnectionFactory connectionFactory, String host,
            int port, String user, String password) {
    }

    private TestPostgres() {
    }

    public static synchronized Database freshDatabase(String hint) {
        Server s = server();
        String name = ("t_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet())
                .toLowerCase(Locale.ROOT);
        try (Connection c = dataSource(s, s.adminDatabase()).getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        DataSource ds = dataSource(s, name);
        DirectoryMigrations.migrate(ds);
        return new Database(name, ds, connectionFactory(s.host(), s.port(), name, s.user(), s.password()), s.host(),
                s.port(), s.user(), s.password());
    }

    /** A pooled R2DBC connection factory. */
    public static ConnectionFactory connectionFactory(String host, int port, String database, String user,
            String password) {
        PostgresqlConnectionFactory raw = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(host).port(port).database(database).username(user).password(password)
                .connectTimeout(Duration.ofSeconds(2)).build());
        return new ConnectionPool(ConnectionPoolConfiguration.builder(raw).initialSize(1).maxSize(8)
                .maxAcquireTime(Duration.ofSeconds(3)).build());
    }

    private static synchronized Server server() {
        if (server == null) {
            String url = System.getenv("TEST_POSTGRES_JDBC_URL");
            if (url != null && !url.isBlank()) {
                URI uri = URI.create(url.substring("jdbc:".length()));
                String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
                server = new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db,
                        env("TEST_POSTGRES_USER", "postgres"), env("TEST_POSTGRES_PASSWORD", ""));
            } else {
                try {
                    EmbeddedPostgres pg = EmbeddedPostgres.builder()
                            .setServerConfig("fsync", "off")
                            .setServerConfig("synchronous_commit", "off")
                            .setServerConfig("full_page_writes", "off")
                            .start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            pg.close();
                        } catch (IOException ignored) {
                            // JVM is exiting
                        }
                    }));
                    server = new Server("localhost", pg.getPort(), "postgres", "postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return server;
    }

    private static DataSource dataSource(Server s, String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {s.host()});
        ds.setPortNumbers(new int[] {s.port()});
        ds.setDatabaseName(database);
        ds.setUser(s.user());
        ds.setPassword(s.password());
        return ds;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
