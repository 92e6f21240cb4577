package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

class TokenReplayGuardTests {

    private static final int THREADS = 8;

    /** Two connection factories: two server nodes racing on the same Redis. */
    private static LettuceConnectionFactory nodeA;
    private static LettuceConnectionFactory nodeB;

    @BeforeAll
    static void connect() {
        nodeA = RedisNodes.connectionFactory();
        nodeB = RedisNodes.connectionFactory();
    }

    @AfterAll
    static void disconnect() {
        nodeA.destroy();
        nodeB.destroy();
    }

    @Test
    void markUsedWhenEightThreadsOnTwoNodesRaceThenExactlyOneWins() throws Exception {
        List<TokenReplayGuard> guards = List.of(new TokenReplayGuard(RedisNodes.template(nodeA)),
                new TokenReplayGuard(RedisNodes.template(nodeB)));
        String refreshToken = "refresh-" + UUID.randomUUID();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                TokenReplayGuard guard = guards.get(i % 2);
                claims.add(threads.submit(() -> {
                    start.await();
                    return guard.markUsed(OAuth2TokenType.REFRESH_TOKEN, refreshToken, "authz-1", Duration.ofMinutes(5));
                }));
            }
            start.countDown();

            int wins = 0;
            for (Future<Boolean> claim : claims) {
                wins += claim.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        }
        finally {
            threads.shutdownNow();
        }
    }

    @Test
    void markUsedWhenOtherTypeOrValueThenIndependent() {
        TokenReplayGuard guard = new TokenReplayGuard(RedisNodes.template(nodeA));
        String value = "code-" + UUID.randomUUID();
        OAuth2TokenType code = new OAuth2TokenType("code");

        assertThat(guard.markUsed(code, value, "authz-1", Duration.ofMinutes(1))).isTrue();
        assertThat(guard.markUsed(code, value, "authz-1", Duration.ofMinutes(1))).isFalse();
        assertThat(guard.markUsed(OAuth2TokenType.REFRESH_TOKEN, value, "authz-1", Duration.ofMinutes(1))).isTrue();
        assertThat(guard.markUsed(code, value + "x", "authz-1", Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void markUsedThenRememberedForTheGivenTimeUnderHashedKey() {
        String value = "code-" + UUID.randomUUID();
        new TokenReplayGuard(RedisNodes.template(nodeA)).markUsed(new OAuth2TokenType("code"), value, "authz-1",
                Duration.ofMinutes(3));

        String key = AuthorizationKeys.firstUse("code", value);
        assertThat(key).startsWith("authz:used:code:").doesNotContain(value);
        assertThat(RedisNodes.template(nodeA).getExpire(key)).isCloseTo(180L, within(5L));
        assertThat(new TokenReplayGuard(RedisNodes.template(nodeB)).authorizationOf(new OAuth2TokenType("code"), value))
            .isEqualTo("authz-1");
    }
}
