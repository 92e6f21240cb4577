package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.TestPki;
import io.healthid.rpps.sample.SampleDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Issue 15, as an operator of a small install would try it: {@code java -jar idp-server.jar} on a data directory,
 * SIGKILL in the middle of card logins and token requests (the JVM, its watchdogs stopped with SIGSTOP first: the
 * stores are orphaned, as on a system without a watchdog), started again on the same directory, a second server tried
 * beside it, then a clean stop during which the server still answers. Processes are inspected in /proc, as
 * {@code ls -l /proc/PID/cwd} would show them.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStoresCrashIT {

    private static final Duration START = Duration.ofMinutes(4);
    /** Long enough for a login and a token request once SIGTERM has set readiness down. */
    private static final String DRAIN = "--idp.shutdown.drain=10s";

    @TempDir
    static Path root;

    private Path data;
    private final int port = ChildProcess.freePort();
    private final int cardPort = ChildProcess.freePort();
    private final int managementPort = ChildProcess.freePort();
    private final List<ChildProcess> started = new ArrayList<>();
    private ChildProcess survivor;
    private OpenIdSession client;

    @Test
    @Order(1)
    void killedInTheMiddleOfLoginsThenRestartedKeepsKeysClientsSessionsAndRefreshTokens() throws Exception {
        this.data = root.resolve("data");
        ChildProcess first = server("first", this.port, this.cardPort);
        first.awaitUp(health(), START);
        OpenIdSession client = new OpenIdSession(this.port, card(SampleDirectory.TWO_PROFESSIONS, "MARTIN", "SOPHIE"),
                trustAnchor());
        this.client = client;
        Set<String> keysBefore = client.publishedKeyIds();
        OpenIdSession.Login login = client.cardLogin();
        String refreshToken = client.exchange(login).get("refresh_token").asString();

        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger logins = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(3);
        load.submit(() -> repeat(tokens, () -> OpenIdSession.json(client.clientCredentials())));
        load.submit(() -> repeat(tokens, () -> OpenIdSession.json(client.clientCredentials())));
        load.submit(() -> repeat(logins, () -> client.exchange(client.cardLogin())));
        awaitAtLeast(tokens, 20, logins, 2);
        List<ProcessHandle> watchdogs = ProcessHandle.of(first.pid()).orElseThrow().children()
            .filter(child -> child.info().commandLine().orElse("").contains("idp-watchdog")).toList();
        assertThat(watchdogs).as("a watchdog for each store").hasSize(2);
        // the watchdogs held first: they would stop the stores the moment the JVM is gone
        for (ProcessHandle watchdog : watchdogs) {
            assertThat(new ProcessBuilder("kill", "-STOP", String.valueOf(watchdog.pid())).start().waitFor())
                .isZero();
        }
        first.kill();
        load.shutdown();
        assertThat(load.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        List<ProcTable.Entry> orphanPostgres = ProcTable.postmasters(this.data);
        List<ProcTable.Entry> orphanRedis = ProcTable.redisServers(this.data);
        assertThat(orphanPostgres).as("the killed server's PostgreSQL, orphaned").hasSize(1);
        assertThat(orphanRedis).as("the killed server's Redis, orphaned").hasSize(1);

        this.survivor = server("second", this.port, this.cardPort);
        this.survivor.awaitUp(health(), START);

        List<ProcTable.Entry> postgres = ProcTable.postmasters(this.data);
        List<ProcTable.Entry> redis = ProcTable.redisServers(this.data);
        assertThat(postgres).as("PostgreSQL serving %s", this.data).hasSize(1);
        assertThat(redis).as("Redis serving %s", this.data).hasSize(1);
        assertThat(ProcessHandle.of(orphanPostgres.get(0).pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.of(orphanRedis.get(0).pid()).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(watchdogs).as("the killed server's watchdogs, ended before they could signal a reused PID")
            .noneMatch(ProcessHandle::isAlive);
        assertThat(this.survivor.output()).contains("left running on " + this.data.resolve("postgres"))
            .contains("left running on " + this.data.resolve("redis"));

        assertThat(client.publishedKeyIds()).as("signing keys").isEqualTo(keysBefore);
        JsonNode clientToken = OpenIdSession.json(client.clientCredentials());
        assertThat(keysBefore).contains(OpenIdSession.keyIdOf(clientToken.get("access_token").asString()));
        URI sso = client.authorizeWithSession(login.sessionCookie());
        assertThat(OpenIdSession.code(sso)).as("a code from the SSO session, no login page").isNotBlank();
        JsonNode refreshed = OpenIdSession.json(client.refresh(refreshToken));
        assertThat(refreshed.get("access_token").asString()).isNotBlank();
        assertThat(settings(postgresPort(), "fsync", "synchronous_commit", "full_page_writes"))
            .as("durable PostgreSQL").containsOnly("on");
    }

    @Test
    @Order(2)
    void dataDirectoryStoresAndAppendOnlyFilesAreTheOwnersOnly() throws IOException {
        Path redis = this.data.resolve("redis");
        Path appendOnly = redis.resolve("appendonlydir");

        assertThat(mode(this.data)).isEqualTo("rwx------");
        assertThat(mode(redis)).isEqualTo("rwx------");
        assertThat(mode(appendOnly)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(appendOnly)) {
            assertThat(files.toList()).as("the append-only files").isNotEmpty()
                .allSatisfy(file -> assertThat(mode(file)).as("%s", file).isEqualTo("rw-------"));
        }
        assertThat(mode(redis.resolve("redis.conf"))).as("redis.conf, with the password").isEqualTo("rw-------");
        assertThat(mode(this.data.resolve("postgres.log"))).isEqualTo("rw-------");
        assertThat(mode(this.data.resolve("postgres"))).isEqualTo("rwx------");
    }

    @Test
    @Order(3)
    void secondServerOnTheSameDirectoryIsRefusedNamingTheOwner() throws Exception {
        List<Long> before = storePids();

        ChildProcess second = server("refused", ChildProcess.freePort(), ChildProcess.freePort());
        int status = second.awaitExit(START);

        assertThat(status).isNotZero();
        assertThat(second.output())
            .contains("The data directory " + this.data + " is in use by process " + this.survivor.pid())
            .contains("kill " + this.survivor.pid());
        assertThat(storePids()).as("the owner's PostgreSQL and Redis, untouched").isEqualTo(before);
    }

    @Test
    @Order(4)
    void directoryCommandBesideTheServerUsesItsDatabase() throws Exception {
        List<Long> before = storePids();

        ChildProcess command = ChildProcess.serverJar(root.resolve("work"), "directory-show", "directory", "show",
                "819990000010", "--idp.data-dir=" + this.data);
        this.started.add(command);

        assertThat(command.awaitExit(START)).as(command.output()).isZero();
        assertThat(command.output()).contains("819990000010");
        assertThat(storePids()).as("no second PostgreSQL for the command").isEqualTo(before);
    }

    @Test
    @Order(5)
    void cleanStopAnswersWithItsStoresUntilItsServersCloseThenLeavesNoProcessOfTheDirectory() throws Exception {
        assertThat(ProcTable.postmasters(this.data)).hasSize(1);
        // a person not in the directory cache yet: the login reads PostgreSQL, the SSO session goes to Redis
        OpenIdSession newcomer = new OpenIdSession(this.port, card(SampleDirectory.SEVERAL_SITES, "DURAND", "PAUL"),
                trustAnchor());

        this.survivor.terminate();
        this.survivor.awaitStatus(health() + "/readiness", 503, START);

        // the drain: load balancers take the node out, it still serves what reaches it, with its stores
        assertThat(newcomer.exchange(newcomer.cardLogin()).get("access_token").asString()).isNotBlank();
        assertThat(OpenIdSession.json(this.client.clientCredentials()).get("access_token").asString()).isNotBlank();
        this.survivor.awaitExit(Duration.ofMinutes(2));
        assertThat(ProcTable.workingIn(root)).as("processes working in %s after a clean stop", root)
            .isEmpty();
    }

    private ChildProcess server(String name, int httpPort, int listenerPort) {
        ChildProcess server = ChildProcess.serverJar(root.resolve("work"), name, "--idp.data-dir=" + this.data,
                "--server.port=" + httpPort, "--management.server.port=" + (httpPort == this.port ? this.managementPort
                        : ChildProcess.freePort()), "--idp.card.port=" + listenerPort,
                "--idp.card.public-url=https://localhost:" + listenerPort, DRAIN);
        this.started.add(server);
        return server;
    }

    private String health() {
        return "http://127.0.0.1:" + this.managementPort + "/actuator/health";
    }

    private IssuedCard card(String nationalId, String lastName, String firstName) throws IOException {
        return TestPki.load(this.data.resolve("pki"), Clock.systemUTC())
            .issueCard(CardRequest.nominative(CardType.CPS, nationalId, lastName, firstName, "Medecin").build());
    }

    private X509Certificate trustAnchor() throws IOException {
        return TestPki.load(this.data.resolve("pki"), Clock.systemUTC()).certificate(CaName.RACINE);
    }

    private interface Call {
        Object run() throws Exception;
    }

    /** Calls until the server is gone (bounded: at most two minutes); counts the calls that succeeded. */
    private static void repeat(AtomicInteger done, Call call) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            try {
                call.run();
                done.incrementAndGet();
            }
            catch (Exception | AssertionError serverGone) {
                return;
            }
        }
    }

    private static void awaitAtLeast(AtomicInteger tokens, int tokenCount, AtomicInteger logins, int loginCount)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        Object monitor = new Object();
        while (tokens.get() < tokenCount || logins.get() < loginCount) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Load did not run: " + tokens + " tokens, " + logins + " logins");
            }
            synchronized (monitor) {
                monitor.wait(50);
            }
        }
    }

    private List<Long> storePids() throws IOException {
        List<Long> pids = new ArrayList<>();
        ProcTable.postmasters(this.data).forEach(entry -> pids.add(entry.pid()));
        ProcTable.redisServers(this.data).forEach(entry -> pids.add(entry.pid()));
        return pids;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private int postgresPort() throws IOException {
        return Integer.parseInt(Files.readAllLines(this.data.resolve("postgres").resolve("postmaster.pid")).get(3)
            .trim());
    }

    private static List<String> settings(int port, String... names) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                + "/postgres?user=postgres"); Statement statement = connection.createStatement()) {
            for (String name : names) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    values.add(result.getString(1));
                }
            }
        }
        return values;
    }

    @AfterAll
    void noOrphans() throws IOException {
        this.started.forEach(ChildProcess::killIfAlive);
        if (!Files.isDirectory(root)) {
            return;
        }
        ProcTable.killWorkingIn(root);
    }
}
