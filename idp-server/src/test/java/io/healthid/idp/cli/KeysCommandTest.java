package io.healthid.idp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.idp.keys.KeyEncryptionKey;
import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.SigningKeyRepository;
import io.healthid.idp.keys.SigningKeyService;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code java -jar idp-server.jar keys retire-compromised KID}: ADR 0002's compromise procedure, as an operator runs it. */
class KeysCommandTest {

    private static final String USER = System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", "");
    private static final String ENCRYPTION_KEY = newEncryptionKey();

    private static String r2dbcUrl;
    private SigningKeyService server;

    @BeforeAll
    static void ownDatabase() throws Exception {
        String jdbc = System.getenv().getOrDefault("TEST_POSTGRES_JDBC_URL",
                EmbeddedPostgresServer.jdbcUrl(Files.createTempDirectory("keys-cli-test")));
        String database = "keys_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbc, USER, PASSWORD)) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        URI uri = URI.create(jdbc.substring("jdbc:".length()));
        String base = uri.getHost() + ":" + uri.getPort() + "/" + database;
        Flyway.configure().dataSource("jdbc:postgresql://" + base, USER, PASSWORD).locations("classpath:db/migration")
            .load().migrate();
        r2dbcUrl = "r2dbc:postgresql://" + base;
    }

    /** A running server's view of the keys: what it signs with and publishes. */
    @BeforeEach
    void runningServer() {
        this.server = new SigningKeyService(new SigningKeyRepository(ConnectionFactories.get(ConnectionFactoryOptions
            .parse(r2dbcUrl).mutate()
            .option(ConnectionFactoryOptions.USER, USER).option(ConnectionFactoryOptions.PASSWORD, PASSWORD).build()),
                KeyEncryptionKey.parse(ENCRYPTION_KEY)), KeyProperties.defaults(), Clock.systemUTC());
        this.server.ensureKeys().block();
    }

    @Test
    void retireCompromisedWhenKidPublishedThenUnpublishedAndAReplacementSigns() {
        String compromised = this.server.publishedKeys().getKeys().get(0).getKeyID();

        Result result = run("keys", "retire-compromised", compromised);

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.out()).contains("retired and unpublished").contains(compromised);
        this.server.refresh().block();
        List<String> published = this.server.publishedKeys().getKeys().stream().map(JWK::getKeyID).toList();
        assertThat(published).doesNotContain(compromised).isNotEmpty();
    }

    @Test
    void retireCompromisedWhenUnknownKidThenExitOneAndNothingChanges() {
        List<JWK> before = this.server.publishedKeys().getKeys();

        Result result = run("keys", "retire-compromised", "no-such-kid");

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("no-such-kid").contains("was not retired");
        this.server.refresh().block();
        assertThat(this.server.publishedKeys().getKeys()).isEqualTo(before);
    }

    @Test
    void runWhenNoSubcommandThenUsage() {
        Result usage = run("keys");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("usage: keys retire-compromised KID");
    }

    private Result run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--spring.r2dbc.url=" + r2dbcUrl);
        args.add("--spring.r2dbc.username=" + USER);
        args.add("--spring.r2dbc.password=" + PASSWORD);
        args.add("--idp.keys.encryption-key=" + ENCRYPTION_KEY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (CommandEnvironment environment = CommandEnvironment.resolve(args.toArray(String[]::new))) {
            status = new KeysCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(environment);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String newEncryptionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private record Result(int status, String out, String err) {
    }
}
