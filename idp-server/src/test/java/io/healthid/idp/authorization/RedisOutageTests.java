package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.healthid.idp.embedded.EmbeddedRedisServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/** Stops and restarts the embedded Redis, so it runs only when the tests own it, and keeps the outage short. */
class RedisOutageTests {

    private LettuceConnectionFactory connectionFactory;
    private StringRedisTemplate redis;
    private RedisOAuth2AuthorizationService service;

    @BeforeEach
    void connect() {
        Assumptions.assumeTrue(TestRedis.isEmbedded(), "TEST_REDIS_URL points to a Redis these tests must not stop");
        this.connectionFactory = TestRedis.connectionFactory();
        this.redis = TestRedis.template(this.connectionFactory);
        this.service = new RedisOAuth2AuthorizationService(this.redis, new AuthorizationJsonCodec(),
                new AuthorizationTimeToLive(Clock.systemUTC()));
    }

    @AfterEach
    void disconnect() {
        if (this.connectionFactory != null) {
            this.connectionFactory.destroy();
        }
    }

    @Test
    void everyOperationWhenRedisDownThenDataAccessExceptionAndWhenBackThenWorksWithoutNewConnectionFactory()
            throws InterruptedException {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        this.service.save(authorization);
        TokenReplayGuard guard = new TokenReplayGuard(this.redis);

        EmbeddedRedisServer.stop();
        try {
            assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> this.service.findById(authorization.getId()));
            assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.service
                .findByToken(authorization.getRefreshToken().getToken().getTokenValue(), null));
            assertThatExceptionOfType(DataAccessException.class)
                .isThrownBy(() -> this.service.save(TestAuthorizations.withCode()));
            assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.service.remove(authorization));
            assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> guard
                .markUsed(OAuth2TokenType.REFRESH_TOKEN, "refresh-" + UUID.randomUUID(), "authz-1", Duration.ofMinutes(1)));
        }
        finally {
            EmbeddedRedisServer.restart();
        }

        OAuth2Authorization afterRestart = TestAuthorizations.withCode();
        awaitSaved(afterRestart, Duration.ofSeconds(20));
        assertThat(this.service.findById(afterRestart.getId())).isEqualTo(afterRestart);
    }

    /** Lettuce reconnects in the background with a growing delay: retry until it has. */
    private void awaitSaved(OAuth2Authorization authorization, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                this.service.save(authorization);
                return;
            }
            catch (DataAccessException ex) {
                if (Instant.now().isAfter(deadline)) {
                    throw ex;
                }
                Thread.sleep(100);
            }
        }
    }
}
