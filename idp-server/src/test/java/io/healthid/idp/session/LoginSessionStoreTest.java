package io.healthid.idp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.embedded.EmbeddedRedisServer;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.testsupport.MutableClock;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** PSC's SSO session rules on a real Redis: 4 h absolute, 30 min idle, the cookie secret never stored. */
class LoginSessionStoreTest {

    private static LettuceConnectionFactory connections;
    private static ReactiveStringRedisTemplate redis;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    private final LoginSessionStore store = new LoginSessionStore(redis,
            new IdpProperties.Session(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(15)), this.clock);

    @BeforeAll
    static void startRedis() throws Exception {
        String url = System.getenv().getOrDefault("SPRING_DATA_REDIS_URL",
                EmbeddedRedisServer.url(Files.createTempDirectory("session-test")));
        URI uri = URI.create(url);
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        if (uri.getUserInfo() != null) {
            // the embedded Redis has a password (ADR 0012), carried in its URL
            configuration.setPassword(uri.getUserInfo().substring(uri.getUserInfo().indexOf(':') + 1));
        }
        connections = new LettuceConnectionFactory(configuration);
        connections.afterPropertiesSet();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    @Test
    void findWhenUsedWithinIdleTimeThenSessionLivesAndTimerRestarts() {
        LoginSessionStore.Created created = this.store.create("819990000010", AuthMethod.CARD, "eidas3").block();

        this.clock.advance(Duration.ofMinutes(20));
        LoginSession found = this.store.findByCookie(created.cookieSecret()).block();
        assertThat(found).isNotNull();
        assertThat(found.nationalId()).isEqualTo("819990000010");
        assertThat(found.method()).isEqualTo(AuthMethod.CARD);
        Long ttl = redis.getExpire("sess:" + created.session().id()).block().getSeconds();
        assertThat(ttl).isBetween(1790L, 1800L);
    }

    @Test
    void findWhenAbsoluteLifetimeReachedThenGoneEvenIfUsedRecently() {
        LoginSessionStore.Created created = this.store.create("819990000010", AuthMethod.MOBILE, "eidas2").block();
        for (int i = 0; i < 9; i++) {
            this.clock.advance(Duration.ofMinutes(25));
            this.store.findByCookie(created.cookieSecret()).block();
        }
        // 3 h 45 min after login: the idle timer is capped by the 15 min left of the 4 h
        assertThat(redis.getExpire("sess:" + created.session().id()).block().getSeconds()).isBetween(890L, 900L);
        this.clock.advance(Duration.ofMinutes(16));
        assertThat(this.store.findByCookie(created.cookieSecret()).block()).isNull();
    }

    @Test
    void touchWhenRelyingPartyRefreshesThenIdleTimerRestartsUntilAbsoluteEnd() {
        LoginSessionStore.Created created = this.store.create("819990000010", AuthMethod.CARD, "eidas3").block();
        String id = created.session().id();

        this.clock.advance(Duration.ofMinutes(29));
        assertThat(this.store.touch(id).block()).isTrue();
        assertThat(redis.getExpire("sess:" + id).block().getSeconds()).isBetween(1790L, 1800L);

        this.clock.advance(Duration.ofHours(4));
        assertThat(this.store.touch(id).block()).isFalse();
        assertThat(this.store.touch("unknown-session").block()).isFalse();
    }

    @Test
    void createThenRedisHoldsOnlyTheHashOfTheCookieSecret() {
        LoginSessionStore.Created created = this.store.create("819990000010", AuthMethod.CARD, "eidas3").block();
        assertThat(redis.hasKey("sess:" + created.cookieSecret()).block()).isFalse();
        assertThat(redis.hasKey("sess:" + created.session().id()).block()).isTrue();
        assertThat(created.session().id()).isEqualTo(SessionSecrets.idOf(created.cookieSecret()));
    }

    @Test
    void findWhenCookieMalformedOrUnknownThenEmpty() {
        assertThat(this.store.findByCookie("short").block()).isNull();
        assertThat(this.store.findByCookie("x".repeat(43)).block()).isNull();
        assertThat(this.store.findByCookie(null).block()).isNull();
    }

    @Test
    void removeThenCookieNoLongerFindsSession() {
        LoginSessionStore.Created created = this.store.create("819990000010", AuthMethod.CARD, "eidas3").block();
        this.store.remove(created.session().id()).block();
        assertThat(this.store.findByCookie(created.cookieSecret()).block()).isNull();
    }
}
