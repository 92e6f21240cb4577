package io.healthid.idp.admin;

import io.healthid.idp.model.Sha256;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Console sign-ins in Redis, shared by every node: the pending sign-in (state, nonce, PKCE verifier) for ten minutes,
 * then the operator's session for the configured lifetime. The browser holds random values; Redis holds their hashes.
 */
class AdminSessions {

    static final Duration SIGN_IN_TIMEOUT = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ReactiveStringRedisTemplate redis;
    private final Duration lifetime;

    AdminSessions(ReactiveStringRedisTemplate redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    /** What the callback needs to finish a sign-in the browser started. */
    record PendingSignIn(String state, String nonce, String verifier) {
    }

    Mono<PendingSignIn> startSignIn() {
        PendingSignIn pending = new PendingSignIn(random(), random(), random());
        return this.redis.opsForValue()
            .set(key("pending", pending.state()), pending.nonce() + " " + pending.verifier(), SIGN_IN_TIMEOUT)
            .thenReturn(pending);
    }

    /** The pending sign-in of this state, once: a second callback with the same state finds nothing. */
    Mono<PendingSignIn> takeSignIn(String state) {
        return this.redis.opsForValue().getAndDelete(key("pending", state))
            .map(value -> value.split(" ", 2))
            .map(parts -> new PendingSignIn(state, parts[0], parts[1]));
    }

    /** @return the cookie value of the new session */
    Mono<String> open(String nationalId) {
        String secret = random();
        return this.redis.opsForValue().set(key("session", secret), nationalId, this.lifetime).thenReturn(secret);
    }

    Mono<String> operatorOf(String secret) {
        return secret == null ? Mono.empty() : this.redis.opsForValue().get(key("session", secret));
    }

    Mono<Void> close(String secret) {
        return secret == null ? Mono.empty() : this.redis.delete(key("session", secret)).then();
    }

    private static String key(String kind, String secret) {
        return "idp:admin:" + kind + ":" + HexFormat.of().formatHex(Sha256.digest(secret));
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
