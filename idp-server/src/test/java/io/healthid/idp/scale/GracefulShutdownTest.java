package io.healthid.idp.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.TestAuthenticatorConfiguration;
import io.healthid.idp.testsupport.TestConnections;
import io.healthid.rpps.sample.SampleDirectory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A node stopping while a person is logging in: readiness goes down first while the node still serves, the request in
 * flight finishes, and the code it gave is redeemed on the other node. Nothing of the login is lost.
 */
class GracefulShutdownTest {

    @Test
    void shutdownWhenLoginInFlightThenReadinessDownFirstAndLoginCompletesAndCodeRedeemedOnOtherNode() throws Exception {
        SharedStores stores = SharedStores.create();
        Map<String, String> cluster = new LinkedHashMap<>(stores.nodeProperties());
        cluster.put("idp.card.enabled", "false");
        Map<String, String> stopping = new LinkedHashMap<>(cluster);
        stopping.put("idp.shutdown.drain", "1s");
        try (IdpNode nodeA = IdpNode.start("a", stopping, TestAuthenticatorConfiguration.class);
             IdpNode nodeB = IdpNode.start("b", cluster, TestAuthenticatorConfiguration.class)) {
            Browser browser = new Browser(nodeA.port());
            URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
            String tx = Browser.query(login).get("tx");
            assertThat(status(nodeA, "/actuator/health/readiness")).isEqualTo(200);

            // Redis holds every command for 1.5 s: the login's completion is in flight on node A across the shutdown
            RedisClient redis = RedisClient.create(RedisURI.create(stores.redisUrl()));
            CompletableFuture<EntityExchangeResult<String>> inFlight;
            CompletableFuture<Void> shutdown;
            try (var connection = redis.connect()) {
                connection.sync().clientPause(1500);
                inFlight = CompletableFuture.supplyAsync(() -> browser.get("/test-login?tx=" + tx + "&idnat="
                        + SampleDirectory.TWO_PROFESSIONS));
                shutdown = CompletableFuture.runAsync(nodeA::stop);

                // readiness down while the node still answers (liveness up), before the login has finished
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (status(nodeA, "/actuator/health/readiness") != 503) {
                    assertThat(System.nanoTime()).as("readiness down within 10 s").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(status(nodeA, "/actuator/health/liveness")).isEqualTo(200);
                assertThat(inFlight).as("the login in flight").isNotDone();
            }
            finally {
                redis.shutdown();
            }

            EntityExchangeResult<String> completed = inFlight.get();
            assertThat(completed.getStatus().value()).isEqualTo(302);
            URI callback = completed.getResponseHeaders().getLocation();
            assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
            shutdown.get();
            assertThat(nodeA.isRunning()).isFalse();

            Map<String, Object> tokens = new RelyingParty(nodeB.port()).redeem(callback);
            assertThat(tokens).containsKeys("access_token", "id_token", "refresh_token");
        }
    }

    private static int status(IdpNode node, String path) {
        return WebTestClient.bindToServer(TestConnections.connector()).baseUrl(node.managementUrl()).responseTimeout(Duration.ofSeconds(10)).build()
            .get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }
}
