package io.healthid.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthid.rpps.fhir.AnnuaireSanteClient;
import io.healthid.rpps.fhir.AnnuaireSanteSettings;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import reactor.test.StepVerifier;

/** Issue 8, faults: the Annuaire Santé API slow or silent while a person logs in. */
class DirectoryApiStatusTest {

    private static DirectoryApiStatus api(int port) {
        return new DirectoryApiStatus(new AnnuaireSanteClient(AnnuaireSanteSettings.builder("test-key")
                .baseUrl("http://127.0.0.1:" + port).timeout(Duration.ofSeconds(1)).maxRetries(0).build()),
                Clock.systemUTC());
    }

    @Test
    void lookupWhenApiNeverAnswersThenDirectoryUnavailableAfterTheLoginTimeoutAndHealthDown() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                }
                catch (Exception closed) {
                    // the test is over
                }
            });
            accept.setDaemon(true);
            accept.start();
            DirectoryApiStatus status = api(silent.getLocalPort());
            assertThat(status.health().getStatus()).isEqualTo(Status.UNKNOWN);

            StepVerifier.create(status.findByNationalId("810000000017"))
                .expectError(DirectoryUnavailableException.class)
                .verify(Duration.ofSeconds(20));

            assertThat(status.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(status.health().getDetails()).containsKey("failure");
        }
        finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void wiringWhenApiKeySetThenTheApiIsAskedElseNot() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(WhenConfigured.class);

        runner.withPropertyValues("idp.directory.annuaire-sante.api-key=test-key")
            .run(context -> assertThat(context).hasBean("askTheApi"));
        runner.withPropertyValues("idp.directory.annuaire-sante.api-key= ")
            .run(context -> assertThat(context).doesNotHaveBean("askTheApi"));
        runner.run(context -> assertThat(context).doesNotHaveBean("askTheApi"));
    }

    @Configuration(proxyBeanMethods = false)
    static class WhenConfigured {

        @Bean
        @Conditional(AnnuaireSanteConfigured.class)
        String askTheApi() {
            return "asked";
        }
    }

    @Test
    void lookupWhenApiAnswersAgainThenHealthUp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] empty = "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0,\"entry\":[]}"
            .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, empty.length);
            exchange.getResponseBody().write(empty);
            exchange.close();
        });
        server.start();
        try {
            DirectoryApiStatus status = api(server.getAddress().getPort());

            StepVerifier.create(status.findByNationalId("810000000017")).verifyComplete();

            assertThat(status.health().getStatus()).isEqualTo(Status.UP);
        }
        finally {
            server.stop(0);
        }
    }
}
