package io.healthid.idp.session;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.settings.IdpProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
        List<String> fields = List.of("nationalId", nationalId, "method", method.name(), "acr", acr,
                "authenticatedAt", Long.toString(now.toEpochMilli()));
        List<String> arguments = new ArrayList<>(lifetimeArguments(now));
        arguments.addAll(fields);
        long absoluteMillis = this.lifetimes.absolute().toMillis();
        // two keys, two scripts (a Redis Cluster puts them in different slots), sent together
        return Mono.when(this.redis.execute(SessionScripts.CREATE, List.of(PREFIX + session.id()), arguments),
                this.redis.execute(SessionScripts.INDEX, List.of(PERSON_PREFIX + nationalId),
                        List.of(Long.toString(now.toEpochMilli()), Long.toString(now.toEpochMilli() + absoluteMillis),
                                session.id(), Long.toString(absoluteMillis))))
            .thenReturn(new Created(session, secret));
    }

    /** The live session behind a cookie, its idle timer restarted; empty when unknown, expired or malformed. */
    public Mono<LoginSession> findByCookie(String cookieSecret) {
        if (!SessionSecrets.isWellFormed(cookieSecret)) {
            return Mono.empty();
        }
        String id = SessionSecrets.idOf(cookieSecret);
        return use(id)
            .filter(fields -> fields.containsKey("nationalId"))
            .map(fields -> new LoginSession(id, fields.get("nationalId"), AuthMethod.valueOf(fields.get("method")),
                    fields.get("acr"), Instant.ofEpochMilli(Long.parseLong(fields.get("authenticatedAt")))));
    }

    /**
     * Marks the session as used (its idle timer restarts) without a cookie, for a relying party refreshing tokens in
     * it; false when the session has ended (logout, idle or absolute lifetime).
     */
    public Mono<Boolean> touch(String sessionId) {
        return use(sessionId).hasElement();
    }

    /** One round trip: the session's fields, its idle timer restarted, or empty once it has ended. */
    @SuppressWarnings("unchecked")
    private Mono<Map<String, String>> use(String sessionId) {
        return this.redis.execute(SessionScripts.USE, List.of(PREFIX + sessionId), lifetimeArguments(this.clock.instant()))
            .next()
            .map(flat -> {
                List<String> values = (List<String>) flat;
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i + 1 < values.size(); i += 2) {
                    fields.put(values.get(i), values.get(i + 1));
                }
                return fields;
            })
            .filter(fields -> !fields.isEmpty());
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

    private List<String> lifetimeArguments(Instant now) {
        return List.of(Long.toString(now.toEpochMilli()), Long.toString(this.lifetimes.absolute().toMillis()),
                Long.toString(this.lifetimes.idle().toMillis()));
    }
}
