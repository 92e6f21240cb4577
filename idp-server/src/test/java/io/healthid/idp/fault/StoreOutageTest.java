package io.healthid.idp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.idp.embedded.EmbeddedRedisServer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.OwnedStores;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;

/**
 * A store that goes away gives clear 503s and a DOWN health, and everything works again once it is back, without a
 * restart of the server. Runs only against the embedded stores, which the test can stop.
 */
@IdpIntegrationTest
class StoreOutageTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Value("${idp.embedded.redis:false}")
    private boolean embeddedRedis;

    @Value("${idp.embedded.postgres:false}")
    private boolean embeddedPostgres;

    @Test
    void requestsWhenRedisDownThenTemporarilyUnavailableAndRecoverAfterRestart() throws Exception {
        OwnedStores.assumeEmbedded(this.embeddedRedis, "Redis");
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");

        EmbeddedRedisServer.stop();
        try {
            this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
                .expectStatus().isEqualTo(503)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
            this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, RelyingParty.demoAuthorizationRequest()))
                .accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).value(page -> assertThat(page).contains("temporarily_unavailable").doesNotContain("Exception"));
            this.rp.http().get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.status").isEqualTo("DOWN");
        }
        finally {
            EmbeddedRedisServer.restart();
        }

        awaitHealthUp();
        this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk();
        // the append-only file kept the SSO session across the restart: nothing lost
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString()).startsWith(RelyingParty.DEMO_REDIRECT);
    }

    @Test
    void healthWhenPostgresDownThenDownAndTokensStillServedFromMemory() throws Exception {
        OwnedStores.assumeEmbedded(this.embeddedPostgres, "PostgreSQL");
        EmbeddedPostgresServer.stop();
        try {
            this.rp.http().get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.components.r2dbc.status").isEqualTo("DOWN");
            // clients and signing keys are served from memory: the token endpoint keeps working
            this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
                .expectStatus().isOk();
        }
        finally {
            EmbeddedPostgresServer.restart();
        }
        awaitHealthUp();
    }

    private void awaitHealthUp() {
        Awaitility.await("health UP after the store's restart").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> this.rp.http().get().uri("/actuator/health").exchange().returnResult(String.class)
                .getStatus().value() == 200);
    }
}
