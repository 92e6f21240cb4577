package io.healthid.idp.fault;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.idp.embedded.EmbeddedRedisServer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.OwnedStores;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriComponentsBuilder;

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
            ServerPort.management().get().uri("/actuator/health").exchange()
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
    void loginWhenRedisRestartsMidLoginThenClearErrorAndTheSameLoginCompletesOnce() {
        OwnedStores.assumeEmbedded(this.embeddedRedis, "Redis");
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        EmbeddedRedisServer.stop();
        try {
            this.rp.http().get().uri("/test-login?tx=" + tx + "&idnat=819990000010")
                .accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody(String.class).value(page -> assertThat(page).contains("temporarily_unavailable"));
        }
        finally {
            EmbeddedRedisServer.restart();
        }
        awaitHealthUp();
        URI callback = browser.redirectFrom("/test-login?tx=" + tx + "&idnat=819990000010");
        assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT);
        this.rp.redeem(callback);
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", RelyingParty.DEMO_REDIRECT, "code_verifier", RelyingParty.Pkce.VERIFIER),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @Tag("RFC6749-6")
    void refreshWhenRedisRestartsMidRefreshThenUnavailableThenRefreshedExactlyOnce() {
        OwnedStores.assumeEmbedded(this.embeddedRedis, "Redis");
        String refreshToken = (String) this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010")).get("refresh_token");
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "refresh_token", refreshToken);
        EmbeddedRedisServer.stop();
        try {
            this.rp.token(refresh, RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
                .expectStatus().isEqualTo(503).expectBody().jsonPath("$.error").isEqualTo("temporarily_unavailable");
        }
        finally {
            EmbeddedRedisServer.restart();
        }
        awaitHealthUp();
        this.rp.token(refresh, RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody().jsonPath("$.refresh_token").isNotEmpty();
        this.rp.token(refresh, RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void healthWhenPostgresDownThenDownWithoutStackTracesAndTokensStillServedFromMemory() throws Exception {
        OwnedStores.assumeEmbedded(this.embeddedPostgres, "PostgreSQL");
        EmbeddedPostgresServer.stop();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            for (int probe = 0; probe < 3; probe++) {
                ServerPort.management().get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(503).expectBody().jsonPath("$.components.r2dbc.status").isEqualTo("DOWN");
            }
            // the platform probes health every few seconds: a DOWN store is said there, not by a stack per probe
            assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN) && event.getThrowableProxy() != null)
                .extracting(ILoggingEvent::getLoggerName).isEmpty();
            // clients and signing keys are served from memory: the token endpoint keeps working
            this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
                .expectStatus().isOk();
        }
        finally {
            root.detachAppender(log);
            EmbeddedPostgresServer.restart();
        }
        awaitHealthUp();
    }

    private void awaitHealthUp() {
        Awaitility.await("health UP after the store's restart").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> ServerPort.management().get().uri("/actuator/health").exchange().returnResult(String.class)
                .getStatus().value() == 200);
    }
}
