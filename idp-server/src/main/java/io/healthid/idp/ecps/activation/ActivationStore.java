package io.healthid.idp.ecps.activation;

import io.healthid.idp.session.SessionSecrets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * Pending activations in Redis. Codes are kept as hashes, checked and consumed in one Lua script: two phones racing
 * with the right codes get one device between them, and too many wrong codes void the activation.
 */
public class ActivationStore {

    private static final String PREFIX = "ecps:activation:";
    private static final String CARD_PREFIX = "ecps:activation-card:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CARD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** Redeems when both code hashes match; else counts a failure and voids the activation at the limit. */
    private static final RedisScript<String> REDEEM = RedisScript.of("""
            local stored = redis.call('HMGET', KEYS[1], 'nationalId', 'email', 'sms')
            if not stored[1] then return '' end
            if stored[2] == ARGV[1] and stored[3] == ARGV[2] then
              redis.call('DEL', KEYS[1])
              return stored[1]
            end
            local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
            if failures >= tonumber(ARGV[3]) then redis.call('DEL', KEYS[1]) end
            return ''
            """, String.class);

    private final ReactiveStringRedisTemplate redis;
    private final int maxFailures;

    public ActivationStore(ReactiveStringRedisTemplate redis, int maxFailures) {
        this.redis = redis;
        this.maxFailures = maxFailures;
    }

    /** A six-digit code, uniformly drawn. */
    public static String newSixDigitCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Files an activation by correspondence; its id is random and unguessable. */
    public Mono<String> save(String nationalId, String emailCode, String smsCode, Duration lifetime) {
        String id = SessionSecrets.newSecret();
        String key = PREFIX + id;
        return this.redis.opsForHash()
            .putAll(key, Map.of("nationalId", nationalId, "email", hash(id, emailCode), "sms", hash(id, smsCode)))
            .then(this.redis.expire(key, lifetime))
            .thenReturn(id);
    }

    public Mono<Void> discard(String id) {
        return this.redis.delete(PREFIX + id).then();
    }

    /** The national id when both codes are right (the activation is then gone); empty otherwise. */
    public Mono<String> redeem(String id, String emailCode, String smsCode) {
        if (!SessionSecrets.isWellFormed(id)) {
            return Mono.empty();
        }
        return this.redis.execute(REDEEM, List.of(PREFIX + id),
                List.of(hash(id, emailCode), hash(id, smsCode), Integer.toString(this.maxFailures)))
            .next()
            .filter(nationalId -> !nationalId.isEmpty());
    }

    /** A code for a person who proved themselves with their card; valid {@code lifetime}, usable once. */
    public Mono<String> saveCardCode(String nationalId, Duration lifetime) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(CARD_ALPHABET.charAt(RANDOM.nextInt(CARD_ALPHABET.length())));
        }
        String value = code.toString();
        return this.redis.opsForValue().set(CARD_PREFIX + SessionSecrets.idOf(value), nationalId, lifetime).thenReturn(value);
    }

    public Mono<String> redeemCardCode(String code) {
        if (code == null || code.length() != 10) {
            return Mono.empty();
        }
        return this.redis.opsForValue().getAndDelete(CARD_PREFIX + SessionSecrets.idOf(code));
    }

    private static String hash(String id, String code) {
        return SessionSecrets.idOf(id + ":" + (code == null ? "" : code));
    }
}
