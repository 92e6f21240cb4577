package io.healthid.idp.authorization;

import java.time.Duration;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.util.Assert;

/**
 * Detects the second presentation of a one-time token (authorization code, rotated refresh token) across all nodes:
 * the token endpoint claims the token before redeeming it, and a failed claim is a replay, answered by revoking the
 * whole authorization with {@link RedisOAuth2AuthorizationService#remove}.
 */
public final class TokenReplayGuard {

    private final StringRedisTemplate redis;

    public TokenReplayGuard(StringRedisTemplate redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /**
     * Records the first use of the token, atomically ({@code SET NX}).
     * @param ttl how long to remember the use: at least the token's remaining lifetime, so a replay is caught for as
     * long as the token would be accepted
     * @return {@code true} for the first caller only, whichever node it runs on
     */
    public boolean claimFirstUse(OAuth2TokenType type, String tokenValue, Duration ttl) {
        Assert.notNull(type, "type cannot be null");
        Assert.hasText(tokenValue, "tokenValue cannot be empty");
        Assert.isTrue(ttl != null && !ttl.isNegative() && !ttl.isZero(), "ttl must be positive");
        Boolean claimed = this.redis.opsForValue()
            .setIfAbsent(AuthorizationKeys.firstUse(type.getValue(), tokenValue), "used", ttl);
        return Boolean.TRUE.equals(claimed);
    }
}
