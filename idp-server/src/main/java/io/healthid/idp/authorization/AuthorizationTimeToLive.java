package io.healthid.idp.authorization;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * How long Redis keeps an authorization (its record, its indexes and, once removed, its tombstone): until the last
 * of its tokens expires, so that no node ever finds a half-gone authorization while one of its tokens is still
 * valid. A refresh token usually outlives the others; an authorization code alone keeps it for the code's lifetime.
 */
public final class AuthorizationTimeToLive {

    /**
     * An authorization without any token yet, waiting for the user's consent (or holding a pushed request): the
     * time a person reasonably takes to answer the consent page.
     */
    static final Duration PENDING = Duration.ofMinutes(10);

    /**
     * Added to every expiry: the expiry instants were computed on the clock of whichever node issued the token,
     * and the key must not vanish while another node, its clock a little behind, still accepts the token.
     */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private final Clock clock;

    public AuthorizationTimeToLive(Clock clock) {
        this.clock = clock;
    }

    /** The instant the times to live count from. */
    Instant now() {
        return this.clock.instant();
    }

    /**
     * The time to live of the authorization's keys.
     * @throws IllegalArgumentException if one of its tokens never expires: Redis would keep it forever
     */
    public Duration of(OAuth2Authorization authorization) {
        Instant latestExpiry = null;
        for (IndexedTokenType type : IndexedTokenType.values()) {
            if (type.tokenClass() == null) {
                continue;
            }
            OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(type.tokenClass());
            if (token == null) {
                continue;
            }
            Instant expiresAt = token.getToken().getExpiresAt();
            if (expiresAt == null) {
                throw new IllegalArgumentException("The " + type.value() + " of authorization "
                        + authorization.getId() + " has no expiry; only expiring tokens can be stored");
            }
            if (latestExpiry == null || expiresAt.isAfter(latestExpiry)) {
                latestExpiry = expiresAt;
            }
        }
        Duration remaining = (latestExpiry != null) ? Duration.between(this.clock.instant(), latestExpiry) : PENDING;
        return (remaining.isNegative() ? Duration.ZERO : remaining).plus(MARGIN);
    }
}
