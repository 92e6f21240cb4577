package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.healthid.idp.embedded.EmbeddedRedisServer;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Stops and restarts the embedded Redis, which these tests own whatever {@code TEST_REDIS_URL} says, and keeps the
 * outage short.
 */
class RedisOutageTests {

    private LettuceConnectionFactory connectionFactory;
    private StringRedisTemplate redis;
    private RedisOAuth2AuthorizationService service;

    @TempDir
    static Path dataDirectory;

    @BeforeEach
    void connect() {
        this.connectionFactory = RedisNodes.connectionFactory(RedisURI.create(EmbeddedRedisServer.url(dataDirectory)));
        this.redis = RedisNodes.template(this.connectionFactory);
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
            {
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
    private void awaitSaved(OAuth2Authorization authorization, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).ignoreException(DataAccessException.class)
            .untilAsserted(() -> this.service.save(authorization));
    }
}
