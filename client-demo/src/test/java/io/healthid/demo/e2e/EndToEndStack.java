package io.healthid.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.demo.DemoClientApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the end-to-end tests visit, started once per test JVM and stopped when it ends: the real identity provider
 * (its jar, embedded stores, sample directory, test PKI) sending its mail and SMS to the demo's outbox, and the demo
 * in-process, all on free ports.
 */
final class EndToEndStack {

    static final Path WORK = Path.of("target", "e2e");

    private static EndToEndStack shared;

    final IdentityProviderProcess idp;
    final String demo;
    /** The phone simulator and the outbox: the demo on another host name, sharing no cookie with the relying party. */
    final String phone;
    final String cardListener;
    private final ConfigurableApplicationContext demoApp;

    private EndToEndStack(IdentityProviderProcess idp, ConfigurableApplicationContext demoApp, String demo,
            String cardListener) {
        this.idp = idp;
        this.demoApp = demoApp;
        this.demo = demo;
        this.phone = demo.replace("//localhost:", "//127.0.0.1:");
        this.cardListener = cardListener;
    }

    static synchronized EndToEndStack shared() throws Exception {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "e2e-stack-stop"));
        }
        return shared;
    }

    private static EndToEndStack start() throws Exception {
        int idpPort = freePort();
        int cardPort = freePort();
        int managementPort = freePort();
        int demoPort = freePort();
        int smtpPort = freePort();
        String demo = "http://localhost:" + demoPort;
        String cardListener = "https://localhost:" + cardPort;
        IdentityProviderProcess idp = IdentityProviderProcess.start(WORK, idpPort, cardPort, managementPort, demoPort,
                smtpPort);
        ConfigurableApplicationContext demoApp = new SpringApplicationBuilder(DemoClientApplication.class).run(
                "--server.port=" + demoPort, "--demo.base-url=" + demo, "--demo.issuer=" + idp.issuer(),
                "--demo.outbox.smtp-port=" + smtpPort,
                "--demo.phone.card-activation-url=" + cardListener + IdentityProviderProcess.ISSUER_PATH + "/ecps/activation");
        idp.awaitReady(Duration.ofMinutes(4));
        return new EndToEndStack(idp, demoApp, demo, cardListener);
    }

    /** The test PKI's root, the way a newcomer gets it: from the demo's test cards page. */
    Path downloadRoot() throws Exception {
        return download("/test-cards/root.pem", WORK.resolve("root.pem"));
    }

    Path download(String path, Path file) throws Exception {
        HttpResponse<Path> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(this.demo + path)).build(), HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return file;
    }

    String page(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(this.demo + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void close() {
        try {
            this.demoApp.close();
        }
        finally {
            try {
                this.idp.close();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
