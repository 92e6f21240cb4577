package io.healthid.demo.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real identity provider, started from the jar {@code idp-server} builds, on embedded stores in a fresh data
 * directory: sample directory, test PKI, card listener, with the demo client registered for the demo's port.
 */
final class IdentityProviderProcess implements AutoCloseable {

    static final Path JAR = Path.of("..", "idp-server", "target", "idp-server.jar");
    static final String ISSUER_PATH = "/auth/realms/esante-wallet";

    /** The lines of its log a failed start-up shows: enough for Spring Boot's failure report and the cause. */
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final int port;
    private final Path log;

    private IdentityProviderProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @param smtpPort the demo's outbox SMTP server, where the identity provider sends its mail (its SMS go to the demo too) */
    static IdentityProviderProcess start(Path workDirectory, int port, int cardPort, int managementPort, int demoPort,
            int smtpPort) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build idp-server first "
                    + "(the reactor builds it before client-demo: mvn verify from the root, or mvn -pl idp-server -am package)");
        }
        Path data = workDirectory.resolve("idp-data");
        deleteRecursively(data);
        Files.createDirectories(workDirectory);
        String demo = "http://localhost:" + demoPort;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-jar",
                JAR.toAbsolutePath().toString(),
                "--server.port=" + port,
                // its own, not the default 9180 another server on this machine may hold
                "--management.server.port=" + managementPort,
                "--idp.data-dir=" + data.toAbsolutePath(),
                "--idp.card.port=" + cardPort,
                "--idp.card.public-url=https://localhost:" + cardPort,
                "--idp.clients[0].client-id=client-demo",
                "--idp.clients[0].client-secret=client-demo-secret",
                "--idp.clients[0].client-name=Démo Pro Santé Connect",
                "--idp.clients[0].redirect-uris[0]=" + demo + "/login/oauth2/code/psc",
                "--idp.clients[0].post-logout-redirect-uris[0]=" + demo + "/",
                "--idp.clients[0].backchannel-logout-uri=" + demo + "/logout/connect/back-channel/psc",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--idp.ecps.sms.url=" + demo + "/outbox/sms"));
        Path log = workDirectory.resolve("idp-server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new IdentityProviderProcess(process, port, log);
    }

    String issuer() {
        return "http://localhost:" + this.port + ISSUER_PATH;
    }

    /** Waits for the discovery document (the server answers once its stores and keys are ready). */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
            .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("The identity provider stopped during start-up (exit code "
                        + this.process.exitValue() + "); the end of " + this.log.toAbsolutePath() + ":\n" + logTail());
            }
            try {
                if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            this.process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException("The identity provider was not ready within " + timeout);
    }

    /** A CI run keeps only the console: the cause of a failed start must be in the test's own failure. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        }
        catch (IOException ex) {
            return "(unreadable: " + ex + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        this.process.destroy();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
