package io.healthid.idp.session;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.settings.IdpProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * SSO sessions in Redis (architecture decision 2): any node can continue any session. A session ends at the first
 * of its absolute lifetime (from login) and its idle lifetime (since last use); the key's TTL enforces both. Each
 * person's sessions are also listed, for "log out everywhere".
 */
public class LoginSessionStore {

    /** A new session and the secret for the browser's cookie. */
    public record Created(LoginSession session, String cookieSecret) {
    }

    private static final String PREFIX = "sess:";
    /** Per person: the ids of their sessions, scored by each one's absolute end (epoch milliseconds). */
    private static final String PERSON_PREFIX = "sess-of:";

    private final ReactiveStringRedisTemplate redis;
    private final IdpProperties.Session lifetimes;
    private final Clock clock;
    private final SessionEndListener onEnd;

    public LoginSessionStore(ReactiveStringRedisTemplate redis, IdpProperties.Session lifetimes, Clock clock) {
        this(redis, lifetimes, clock, SessionEndListener.NONE);
    }

    public LoginSessionStore(ReactiveStringRedisTemplate redis, IdpProperties.Session lifetimes, Clock clock,
            SessionEndListener onEnd) {
        this.redis = redis;
        this.lifetimes = lifetimes;
        this.clock = clock;
        this.onEnd = onEnd;
    }

    public Mono<Created> create(String nationalId, AuthMethod method, String acr) {
        String secret = SessionSecrets.newSecret();
        Instant now = this.clock.instant();
        LoginSession session = new LoginSession(SessionSecrets.idOf(secret), nationalId, method, acr, now);
        String key = PREFIX + session.id();
        String person = PERSON_PREFIX + nationalId;
        return this.redis.opsForHash()
            .putAll(key, Map.of("nationalId", nationalId, "method", method.name(), "acr", acr,
                    "authenticatedAt", Long.toString(now.toEpochMilli())))
            .then(this.redis.expire(key, ttl(now, now)))
            // the person's index: sessions past their absolute end leave it as new ones come
            .then(this.redis.opsForZSet().add(person, session.id(), now.plus(this.lifetimes.absolute()).toEpochMilli()))
            .then(this.redis.opsForZSet().removeRangeByScore(person, Range.closed(0.0, (double) now.toEpochMilli())))
            .then(this.redis.expire(person, this.lifetimes.absolute()))
            .thenReturn(new Created(session, secret));
    }

    /** The live session behind a cookie, its idle timer restarted; empty when unknown, expired or malformed. */
    public Mono<LoginSession> findByCookie(String cookieSecret) {
        if (!SessionSecrets.isWellFormed(cookieSecret)) {
            return Mono.empty();
        }
        String id = SessionSecrets.idOf(cookieSecret);
        String key = PREFIX + id;
        return this.redis.<String, String>opsForHash().entries(key)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .filter(fields -> fields.containsKey("nationalId"))
            .map(fields -> new LoginSession(id, fields.get("nationalId"), AuthMethod.valueOf(fields.get("method")),
                    fields.get("acr"), Instant.ofEpochMilli(Long.parseLong(fields.get("authenticatedAt")))))
            .flatMap(session -> {
                Instant now = this.clock.instant();
                Duration ttl = ttl(session.authenticatedAt(), now);
                if (ttl.isZero() || ttl.isNegative()) {
                    return this.redis.delete(key).then(Mono.empty());
                }
                return this.redis.expire(key, ttl).thenReturn(session);
            });
    }

    /**
     * Marks the session as used (its idle timer restarts) without a cookie, for a relying party refreshing tokens in
     * it; false when the session has ended (logout, idle or absolute lifetime).
     */
    public Mono<Boolean> touch(String sessionId) {
        String key = PREFIX + sessionId;
        return this.redis.<String, String>opsForHash().get(key, "authenticatedAt")
            .map(epochMillis -> ttl(Instant.ofEpochMilli(Long.parseLong(epochMillis)), this.clock.instant()))
            .flatMap(ttl -> ttl.isZero() || ttl.isNegative() ? this.redis.delete(key).thenReturn(false)
                    : this.redis.expire(key, ttl))
            .defaultIfEmpty(false);
    }

    /** Ends the session (logout) and tells the listener, which must be idempotent: a logout may remove twice. */
    public Mono<Void> remove(String sessionId) {
        return this.redis.delete(PREFIX + sessionId).then(sessionId.isEmpty() ? Mono.empty() : this.onEnd.sessionEnded(sessionId));
    }

    /**
     * Ends every session of the person ("log out everywhere"), each as {@link #remove} does, so the relying parties
     * that took part are told.
     *
     * @return how many sessions were still open
     */
    public Mono<Long> removeAllOf(String nationalId) {
        String person = PERSON_PREFIX + nationalId;
        return this.redis.opsForZSet()
            .rangeByScore(person, Range.closed((double) this.clock.millis(), Double.POSITIVE_INFINITY))
            .concatMap(id -> this.redis.delete(PREFIX + id).flatMap(deleted -> this.onEnd.sessionEnded(id).thenReturn(deleted)))
            .filter(deleted -> deleted > 0)
            .count()
            .flatMap(open -> this.redis.delete(person).thenReturn(open));
    }

    private Duration ttl(Instant authenticatedAt, Instant now) {
        Duration untilAbsoluteEnd = Duration.between(now, authenticatedAt.plus(this.lifetimes.absolute()));
        return untilAbsoluteEnd.compareTo(this.lifetimes.idle()) < 0 ? untilAbsoluteEnd : this.lifetimes.idle();
    }
}
