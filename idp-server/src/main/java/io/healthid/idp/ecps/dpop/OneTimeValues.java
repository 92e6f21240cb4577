package io.healthid.idp.ecps.dpop;

import io.healthid.idp.session.SessionSecrets;
import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Values that may be seen once across every node ({@code jti} of DPoP proofs and of approvals): the first caller
 * claims the value in Redis, every later one learns it was used. Kept for as long as the value could still be accepted.
 */
public class OneTimeValues {

    private final ReactiveStringRedisTemplate redis;
    private final String prefix;

    public OneTimeValues(ReactiveStringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix;
    }

    /** True for the first use of {@code value} within {@code scope}, false for every later one. */
    public Mono<Boolean> claim(String scope, String value, Duration keepFor) {
        // hashed: the key length is bounded whatever the client sent
        String key = this.prefix + SessionSecrets.idOf(scope + "\n" + value);
        return this.redis.opsForValue().setIfAbsent(key, "1", keepFor).defaultIfEmpty(false);
    }
}
