package io.healthid.idp.protocol.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.client.ClientStore;
import io.healthid.idp.settings.ClientDefinition;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

/**
 * Wrong client secrets keep the slow hash's cost and are limited across nodes (ADR 0010, defaults: 10 per client and
 * 30 per address, restored each minute): past the limit, secrets this node has not verified are refused before hashing, with
 * {@code invalid_client} and reason {@code RATE_LIMITED} counted for operators; a secret already verified keeps working.
 */
@IdpIntegrationTest
class FailedSecretLimitTest {

    @Autowired
    private ClientStore store;

    @Autowired
    private CachedRegisteredClientRepository clients;

    @Test
    void tokenWhenTooManyWrongSecretsForClientThenRateLimitedButKnownSecretStillServed() {
        register("limited-client");
        WebTestClient http = from("127.0.0.3");
        double refusedBefore = refusals("client");
        token(http, "limited-client", "right-secret").expectStatus().isOk();

        for (int attempt = 0; attempt < 10; attempt++) {
            token(http, "limited-client", "guess-" + attempt).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error_description").value(description ->
                        assertThat(description.toString()).doesNotContain("RATE_LIMITED"));
        }
        token(http, "limited-client", "guess-10").expectStatus().isUnauthorized()
            .expectBody().jsonPath("$.error").isEqualTo("invalid_client")
            .jsonPath("$.error_description").value(description -> assertThat(description.toString()).contains("RATE_LIMITED"));

        token(http, "limited-client", "right-secret").expectStatus().isOk();
        assertThat(refusals("client")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void tokenWhenOneAddressGuessesAcrossClientsThenRateLimited() {
        WebTestClient http = from("127.0.0.4");
        double refusedBefore = refusals("address");
        register(IntStream.rangeClosed(0, 30).mapToObj(client -> "sprayed-" + client).toArray(String[]::new));
        for (int client = 0; client < 30; client++) {
            token(http, "sprayed-" + client, "guess").expectStatus().isUnauthorized();
        }
        token(http, "sprayed-30", "right-secret").expectStatus().isUnauthorized()
            .expectBody().jsonPath("$.error_description").value(description -> assertThat(description.toString()).contains("RATE_LIMITED"));
        from("127.0.0.5").post().uri(RelyingParty.REALM + "/protocol/openid-connect/token")
            .headers(headers -> headers.setBasicAuth("sprayed-30", "right-secret"))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
            .exchange().expectStatus().isOk();
        assertThat(refusals("address")).isEqualTo(refusedBefore + 1);
    }

    /** Clients whose secret is {@code right-secret}. */
    private void register(String... clientIds) {
        // strength 4: the cost of the slow hash is not what this test is about
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("right-secret");
        Flux.fromArray(clientIds).concatMap(clientId -> this.store.upsert(new ClientDefinition(clientId, hash, null,
                Set.of("client_secret_basic"), Set.of("client_credentials"), List.of(), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null))).then(this.clients.reload()).block();
    }

    private static WebTestClient.ResponseSpec token(WebTestClient http, String clientId, String secret) {
        return http.post().uri(RelyingParty.REALM + "/protocol/openid-connect/token")
            .headers(headers -> headers.setBasicAuth(clientId, secret))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("grant_type", "client_credentials"))
            .exchange();
    }

    private static WebTestClient from(String localAddress) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(localAddress, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client))
            .baseUrl("http://127.0.0.1:" + ServerPort.PORT).build();
    }

    private double refusals(String limit) {
        String metrics = ServerPort.management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        String prefix = "idp_client_authentication_refusals_total{application=\"idp-server\",limit=\"" + limit
                + "\",reason=\"RATE_LIMITED\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix))
            .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length()))).findFirst()
            .orElseThrow(() -> new AssertionError("no series " + prefix));
    }
}
