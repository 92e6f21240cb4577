package io.healthid.idp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar idp-server.jar directory ...} against a configured database (a database of its own on the test
 * PostgreSQL, named by the same options an operator would pass).
 */
class DirectoryCommandTest {

    private static String r2dbcUrl;

    @TempDir
    Path files;

    @BeforeAll
    static void ownDatabase() throws Exception {
        String jdbc = System.getenv().getOrDefault("TEST_POSTGRES_JDBC_URL",
                EmbeddedPostgresServer.jdbcUrl(Files.createTempDirectory("cli-test")));
        String database = "cli_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbc, System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", ""))) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        URI uri = URI.create(jdbc.substring("jdbc:".length()));
        r2dbcUrl = "r2dbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database;
    }

    @Test
    void importWhenEachFileKindThenCountsPrintedAndShowPrintsPscClaims() throws Exception {
        Result publicFile = run("directory", "import", resource("ps_libreacces_personne_activite_2021_excerpt.txt"));
        assertThat(publicFile.status()).isZero();
        assertThat(publicFile.out()).contains("Directory updated").containsPattern("persons\\s+[1-9]\\d*");

        Result imported = run("directory", "import", resource("psc_extraction_personne_activite_test_202112120512.txt"));
        assertThat(imported.status()).isZero();
        assertThat(imported.out()).containsPattern("persons\\s+5\\b").containsPattern("activities\\s+9\\b");

        Result shown = run("directory", "show", "0012800728");
        assertThat(shown.status()).isZero();
        assertThat(shown.out()).contains("\"SubjectNameID\" : \"0012800728\"").contains("\"SubjectRefPro\"")
            .contains("\"codeProfession\" : \"28\"");

        Result again = run("directory", "import", resource("psc_extraction_personne_activite_test_202112120512.txt"));
        assertThat(again.status()).isZero();
        assertThat(again.out()).contains("nothing changed");
    }

    @Test
    void importWhenHeaderWrongThenRefusedWithNonZeroExitAndDirectoryUnchanged() throws Exception {
        run("directory", "import", resource("psc_extraction_personne_activite_test_202112120512.txt"));
        Path bad = this.files.resolve("bad.txt");
        Files.writeString(bad, "not|a|header|\n1|2|3|\n");

        Result refused = run("directory", "import", bad.toString());
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("Import refused").contains("unchanged");
        assertThat(run("directory", "show", "0012800728").status()).isZero();
    }

    @Test
    void showWhenUnknownOrMalformedThenExitTwoWithReason() {
        assertThat(run("directory", "show", "810000000003").err()).contains("not in the directory");
        Result malformed = run("directory", "show", "12345");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains("Not a national identifier");
    }

    @Test
    void runWhenNoSubcommandThenUsage() {
        Result usage = run("directory");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("usage: directory import FILE...").contains("directory sync");
    }

    @Test
    void syncWhenNoApiKeyConfiguredThenExitTwoSayingWhatIsMissing() {
        Result sync = run("directory", "sync", "--since=" + LocalDate.now().minusDays(1));
        assertThat(sync.status()).isEqualTo(2);
        assertThat(sync.err()).contains("idp.directory.annuaire-sante.api-key");
    }

    private Result run(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.add("--spring.r2dbc.url=" + r2dbcUrl);
        args.add("--spring.r2dbc.username=" + System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres"));
        args.add("--spring.r2dbc.password=" + System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", ""));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (CommandEnvironment environment = CommandEnvironment.resolve(args.toArray(String[]::new))) {
            status = new DirectoryCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)).run(environment);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        return Path.of("src/test/resources/rpps", name).toAbsolutePath().toString();
    }

    private record Result(int status, String out, String err) {
    }
}
