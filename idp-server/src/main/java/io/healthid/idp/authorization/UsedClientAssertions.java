package io.healthid.idp.authorization;

import java.time.Duration;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Client assertions ({@code private_key_jwt}) seen, across nodes: OIDC Core 9 makes each {@code jti} single use.
 * Remembered until the assertion expires, after which its {@code exp} refuses it anyway.
 */
public final class UsedClientAssertions {

    private final StringRedisTemplate redis;

    public UsedClientAssertions(StringRedisTemplate redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /** {@code true} for the first use only ({@code SET NX}), whichever node it runs on. */
    public boolean markUsed(String clientId, String jti, Duration remember) {
        Boolean first = this.redis.opsForValue()
            .setIfAbsent(AuthorizationKeys.usedAssertion(clientId, jti), "1", remember);
        return Boolean.TRUE.equals(first);
    }
}
