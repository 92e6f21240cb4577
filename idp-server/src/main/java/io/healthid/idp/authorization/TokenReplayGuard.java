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
public final class TokenReplayGuard implements UsedTokens {

    private final StringRedisTemplate redis;

    public TokenReplayGuard(StringRedisTemplate redis) {
        this.redis = Objects.requireNonNull(redis, "redis");
    }

    /**
     * Records the first use of the token, atomically ({@code SET NX}), with the authorization it belongs to.
     * @param remember how long to remember the use: at least the lifetime of what was issued from the token, so a
     * replay is caught for as long as it matters
     * @return {@code true} for the first caller only, whichever node it runs on
     */
    @Override
    public boolean markUsed(OAuth2TokenType type, String tokenValue, String authorizationId, Duration remember) {
        Assert.notNull(type, "type cannot be null");
        Assert.hasText(tokenValue, "tokenValue cannot be empty");
        Assert.hasText(authorizationId, "authorizationId cannot be empty");
        Assert.isTrue(remember != null && !remember.isNegative() && !remember.isZero(), "remember must be positive");
        Boolean claimed = this.redis.opsForValue()
            .setIfAbsent(AuthorizationKeys.firstUse(type.getValue(), tokenValue), authorizationId, remember);
        return Boolean.TRUE.equals(claimed);
    }

    @Override
    public void release(OAuth2TokenType type, String tokenValue) {
        this.redis.delete(AuthorizationKeys.firstUse(type.getValue(), tokenValue));
    }

    @Override
    public String authorizationOf(OAuth2TokenType type, String tokenValue) {
        return this.redis.opsForValue().get(AuthorizationKeys.firstUse(type.getValue(), tokenValue));
    }
}
