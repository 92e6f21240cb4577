package io.healthid.idp.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.TestAuthenticatorConfiguration;
import io.healthid.rpps.cache.CachedPractitionerLookup;
import io.healthid.rpps.sample.SampleDirectory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis with replication under Sentinel: a real primary, a replica and three sentinels on loopback, and a node that
 * knows only the sentinels. The primary dies while logins and token requests are running; the sentinels promote the
 * replica, the node follows, and the flows continue with nothing issued twice.
 */
class RedisSentinelFailoverTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MASTER = "idp";

    @TempDir
    Path work;

    /** One complete login: the code and what it gave. */
    private record Login(String code, String refreshToken) {
    }

    @Test
    void trafficWhenPrimaryDiesThenSentinelsPromoteReplicaAndLoginsAndTokensContinueWithNothingIssuedTwice()
            throws Exception {
        RedisProcess.requireRedisPackages();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            RedisProcess primary = RedisProcess.server(this.work.resolve("primary"));
            started.add(primary);
            RedisProcess replica = RedisProcess.server(this.work.resolve("replica"), "replicaof 127.0.0.1 " + primary.port());
            started.add(replica);
            List<String> sentinels = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                RedisProcess sentinel = RedisProcess.sentinel(this.work.resolve("sentinel-" + i), MASTER, primary.port());
                started.add(sentinel);
                sentinels.add(sentinel.address());
            }
            awaitReplicationWatched(primary, sentinels);
            Map<String, String> redis = new LinkedHashMap<>();
            redis.put("spring.data.redis.sentinel.master", MASTER);
            redis.put("spring.data.redis.sentinel.nodes", String.join(",", sentinels));
            Map<String, String> properties = new LinkedHashMap<>(SharedStores.create(redis).nodeProperties());
            properties.put("idp.card.enabled", "false");
            // a code's first use is on the replica before it is redeemed: the promoted replica knows it
            properties.put("idp.redis.wait-for-replicas", "1");
            IdpNode node = IdpNode.start("sentinel", properties, TestAuthenticatorConfiguration.class);
            started.add(node);
            RelyingParty rp = new RelyingParty(node.port());

            List<Login> logins = new ArrayList<>();
            Set<Integer> failureStatuses = new HashSet<>();
            int[] refused = new int[1];
            // the directory cache, a Lettuce client of the server's own, found the primary through the sentinels too
            for (int i = 0; i < 2; i++) {
                logins.add(attempt(node, rp, failureStatuses));
            }
            CachedPractitionerLookup directoryCache = node.bean(CachedPractitionerLookup.class);
            // a miss is a Redis read that answered (nothing yet) before PostgreSQL; an unreachable Redis is a failure
            assertThat(directoryCache.misses()).isPositive();
            assertThat(directoryCache.redisFailures()).isZero();
            assertThat(failureStatuses).isEmpty();
            CountDownLatch trafficRunning = new CountDownLatch(1);
            Thread killer = new Thread(() -> {
                try {
                    trafficRunning.await(60, TimeUnit.SECONDS);
                    primary.kill();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }, "kill-redis-primary");
            killer.start();

            int afterFailover = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (afterFailover < 5 && System.nanoTime() < deadline) {
                Login login = attempt(node, rp, failureStatuses);
                if (login == null) {
                    refused[0]++;
                    Thread.sleep(100); // a client's back-off before retrying a 503
                    continue;
                }
                logins.add(login);
                trafficRunning.countDown();
                if (!killer.isAlive() && currentPrimary(sentinels) == replica.port()) {
                    afterFailover++;
                }
            }
            killer.join();
            System.out.println("Sentinel failover: " + logins.size() + " complete logins, " + refused[0]
                    + " attempts refused while the primary was gone, statuses " + failureStatuses);
            assertThat(afterFailover).as("complete logins after the failover").isEqualTo(5);
            assertThat(currentPrimary(sentinels)).as("the sentinels' primary").isEqualTo(replica.port());
            // while there was no primary, requests were refused as "try again", never as a server error
            assertThat(failureStatuses).isSubsetOf(503);

            // tokens issued before the failover were replicated: the first login's refresh token still works
            rp.token(Map.of("grant_type", "refresh_token", "refresh_token", logins.get(0).refreshToken()),
                    RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectStatus().isOk();

            // every code was issued once and redeemed once: a second redemption fails (and revokes what it gave),
            // for codes of before and of after the failover
            assertThat(logins.stream().map(Login::code).distinct().count()).isEqualTo(logins.size());
            for (Login login : logins) {
                rp.token(Map.of("grant_type", "authorization_code", "code", login.code(), "redirect_uri",
                        RelyingParty.DEMO_REDIRECT, "code_verifier", RelyingParty.Pkce.VERIFIER),
                        RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
            }
        }
        finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    /** A whole login and a client_credentials request; null (and the status noted) when a step is refused. */
    private static Login attempt(IdpNode node, RelyingParty rp, Set<Integer> failureStatuses) {
        Browser browser = new Browser(node.port());
        EntityExchangeResult<String> authorize = browser.get(RelyingParty.demoAuthorizationRequest());
        if (authorize.getStatus().value() != 302) {
            failureStatuses.add(authorize.getStatus().value());
            return null;
        }
        String tx = Browser.query(authorize.getResponseHeaders().getLocation()).get("tx");
        EntityExchangeResult<String> login = browser.get("/test-login?tx=" + tx + "&idnat=" + SampleDirectory.TWO_PROFESSIONS);
        if (login.getStatus().value() != 302) {
            failureStatuses.add(login.getStatus().value());
            return null;
        }
        URI callback = login.getResponseHeaders().getLocation();
        String code = UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");
        EntityExchangeResult<byte[]> token = rp.token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", RelyingParty.DEMO_REDIRECT, "code_verifier", RelyingParty.Pkce.VERIFIER),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectBody().returnResult();
        if (token.getStatus().value() != 200) {
            failureStatuses.add(token.getStatus().value());
            return null;
        }
        EntityExchangeResult<byte[]> clientToken = rp.token(Map.of("grant_type", "client_credentials"),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectBody().returnResult();
        if (clientToken.getStatus().value() != 200) {
            failureStatuses.add(clientToken.getStatus().value());
        }
        Map<?, ?> tokens = JSON.readValue(token.getResponseBody(), Map.class);
        return new Login(code, (String) tokens.get("refresh_token"));
    }

    /** Until the replica is in sync and every sentinel names the primary (on a busy machine this takes a moment). */
    private static void awaitReplicationWatched(RedisProcess primary, List<String> sentinels) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        RedisClient client = RedisClient.create();
        try {
            while (true) {
                try (var connection = client.connect(RedisURI.create("redis://" + primary.address()))) {
                    boolean replicaOnline = connection.sync().info("replication").contains("state=online");
                    boolean watched = true;
                    for (String sentinel : sentinels) {
                        try (var view = client.connectSentinel(RedisURI.create("redis://" + sentinel))) {
                            watched &= ((InetSocketAddress) view.sync().getMasterAddrByName(MASTER)).getPort() == primary.port()
                                    && view.sync().replicas(MASTER).size() == 1;
                        }
                    }
                    if (replicaOnline && watched) {
                        return;
                    }
                }
                catch (RuntimeException notYet) {
                    // a sentinel still starting
                }
                assertThat(System.nanoTime()).as("replica in sync and watched by the sentinels").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        finally {
            client.shutdown();
        }
    }

    private static int currentPrimary(List<String> sentinels) {
        RedisClient client = RedisClient.create();
        try (var connection = client.connectSentinel(RedisURI.create("redis://" + sentinels.get(0)))) {
            SocketAddress address = connection.sync().getMasterAddrByName(MASTER);
            return ((InetSocketAddress) address).getPort();
        }
        finally {
            client.shutdown();
        }
    }
}
