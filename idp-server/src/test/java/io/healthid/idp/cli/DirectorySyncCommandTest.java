package io.healthid.idp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.rpps.sync.DirectorySync;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar idp-server.jar directory sync} against a database of its own and a fake Annuaire Santé. The fake is
 * the JDK's HTTP server rather than WireMock, which is not a test dependency of idp-server.
 */
class DirectorySyncCommandTest {

    static final String KEY = "sync-test-key";
    /** In the 2021 file as a doctor (10C); the API now says nurse (60C). */
    static final String CHANGED = "810106476764";
    /** In the 2021 file; the API says inactive (a deletion). */
    static final String REMOVED = "0010001949";

    static String jdbc;
    static HttpServer api;
    static final List<String> requests = new CopyOnWriteArrayList<>();

    String r2dbcUrl;

    @BeforeAll
    static void fakeAnnuaireSante() throws Exception {
        jdbc = System.getenv().getOrDefault("TEST_POSTGRES_JDBC_URL",
                EmbeddedPostgresServer.jdbcUrl(Files.createTempDirectory("cli-sync-test")));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/fhir/v2/", DirectorySyncCommandTest::answer);
        api.start();
    }

    @AfterAll
    static void stop() {
        api.stop(0);
    }

    @BeforeEach
    void ownDatabaseWithThe2021File() throws Exception {
        requests.clear();
        String database = "cli_sync_" + System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbc, user(), password())) {
            connection.createStatement().execute("CREATE DATABASE " + database);
        }
        URI uri = URI.create(jdbc.substring("jdbc:".length()));
        this.r2dbcUrl = "r2dbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + "/" + database;
        Result imported = runDirectory("directory", "import",
                Path.of("src/test/resources/rpps/ps_libreacces_personne_activite_2021_excerpt.txt").toAbsolutePath()
                    .toString());
        assertThat(imported.status()).isZero();
    }

    @Test
    void syncWhenPractitionersChangedThenCountsPrintedAndTheDirectoryShowsThem() {
        Result synced = run(apiOptions(), "--since=" + today().minusDays(2));

        assertThat(synced.status()).as(synced.err()).isZero();
        assertThat(synced.out()).contains("Directory synced").containsPattern("updated\\s+1\\b")
            .containsPattern("removed\\s+1\\b").containsPattern("added\\s+0\\b");
        assertThat(runDirectory("directory", "show", CHANGED).out()).contains("\"codeProfession\" : \"60\"");
        assertThat(runDirectory("directory", "show", REMOVED).err()).contains("not in the directory");
    }

    @Test
    void syncWithoutSinceThenAsksForItTheFirstTimeAndThenStartsFromTheLastSync() {
        Result first = run(apiOptions());
        assertThat(first.status()).isEqualTo(2);
        assertThat(first.err()).contains("NEVER_SYNCED").contains("give the day");

        assertThat(run(apiOptions(), "--since=" + today().minusDays(2)).status()).isZero();
        requests.clear();
        Result next = run(apiOptions());

        assertThat(next.status()).as(next.err()).isZero();
        assertThat(requests).anyMatch(r -> r.contains("_lastUpdated=ge" + today()));
    }

    @Test
    void syncWhenNoApiKeyThenExitTwoWithTheSettingToSet() {
        Result missing = run(List.of(), "--since=" + today());

        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("idp.directory.annuaire-sante.api-key");
        assertThat(requests).isEmpty();
    }

    @Test
    void syncWhenSinceOlderThan30DaysOrMalformedThenExitTwoWithoutCallingTheApi() {
        Result old = run(apiOptions(), "--since=" + today().minusDays(45));
        assertThat(old.status()).isEqualTo(2);
        assertThat(old.err()).contains("30 days").contains("full import");

        Result malformed = run(apiOptions(), "--since=01/02/2024");
        assertThat(malformed.status()).isEqualTo(2);
        assertThat(malformed.err()).contains("YYYY-MM-DD");
        assertThat(requests).isEmpty();
    }

    @Test
    void syncWhenTheApiIsDownThenExitOneAndTheDirectoryIsUnchanged() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Result down = run(List.of("--idp.directory.annuaire-sante.api-key=" + KEY,
                "--idp.directory.annuaire-sante.base-url=http://127.0.0.1:" + deadPort + "/fhir/v2"),
                "--since=" + today());

        assertThat(down.status()).isEqualTo(1);
        assertThat(down.err()).contains("unchanged").contains("API_FAILED");
        assertThat(runDirectory("directory", "show", REMOVED).status()).isZero();
    }

    /** The directory's day (ANS publishes French days), which is the server's, not the test machine's. */
    private static LocalDate today() {
        return LocalDate.now(DirectorySync.DIRECTORY_ZONE);
    }

    private static List<String> apiOptions() {
        return List.of("--idp.directory.annuaire-sante.api-key=" + KEY,
                "--idp.directory.annuaire-sante.base-url=http://127.0.0.1:" + api.getAddress().getPort() + "/fhir/v2");
    }

    private Result run(List<String> apiOptions, String... options) {
        List<String> args = new ArrayList<>(List.of("directory", "sync"));
        args.addAll(apiOptions);
        args.addAll(List.of(options));
        return execute(args, true);
    }

    private Result runDirectory(String... command) {
        return execute(new ArrayList<>(List.of(command)), false);
    }

    private Result execute(List<String> args, boolean sync) {
        args.add("--spring.r2dbc.url=" + this.r2dbcUrl);
        args.add("--spring.r2dbc.username=" + user());
        args.add("--spring.r2dbc.password=" + password());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status;
        try (CommandEnvironment environment = CommandEnvironment.resolve(args.toArray(String[]::new))) {
            status = sync ? new DirectorySyncCommand(o, e).run(environment) : new DirectoryCommand(o, e).run(environment);
        }
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The fake Annuaire Santé: the delta listing, then each practitioner by identifier; no roles. */
    private static void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(exchange.getRequestURI().getPath() + "?" + query);
        String body;
        int status = 200;
        if (!KEY.equals(exchange.getRequestHeaders().getFirst("ESANTE-API-KEY"))) {
            status = 401;
            body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}";
        }
        else if (exchange.getRequestURI().getPath().endsWith("/PractitionerRole")) {
            body = bundle();
        }
        else if (query.contains("_lastUpdated=ge")) {
            body = bundle(practitioner("1", CHANGED, true), practitioner("2", REMOVED, false));
        }
        else if (query.contains("identifier=" + CHANGED)) {
            body = bundle(practitioner("1", CHANGED, true));
        }
        else if (query.contains("identifier=" + REMOVED)) {
            body = bundle(practitioner("2", REMOVED, false));
        }
        else {
            body = bundle();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String bundle(String... resources) {
        StringBuilder entries = new StringBuilder();
        for (String resource : resources) {
            entries.append(entries.isEmpty() ? "" : ",").append("{\"resource\":").append(resource).append('}');
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + entries + "]}";
    }

    /** A V2 Practitioner: one exercice, nurse (60) civil (C). */
    private static String practitioner(String id, String idNat, boolean active) {
        return """
            {"resourceType":"Practitioner","id":"%s","active":%s,
             "identifier":[{"system":"urn:oid:1.2.250.1.71.4.2.1","value":"%s"}],
             "name":[{"use":"usual","family":"NOUVEAU","given":["Nom"],"prefix":["M"]}],
             "qualification":[{"code":{"coding":[
               {"system":"https://mos.esante.gouv.fr/NOS/TRE_G15-ProfessionSante/FHIR/TRE-G15-ProfessionSante","code":"60"},
               {"system":"https://mos.esante.gouv.fr/NOS/TRE_R09-CategorieProfessionnelle/FHIR/TRE-R09-CategorieProfessionnelle","code":"C"}]}}]}
            """.formatted(id, active, idNat);
    }

    private static String user() {
        return System.getenv().getOrDefault("TEST_POSTGRES_USER", "postgres");
    }

    private static String password() {
        return System.getenv().getOrDefault("TEST_POSTGRES_PASSWORD", "");
    }

    private record Result(int status, String out, String err) {
    }
}
