package io.healthid.idp.authorization;

import java.time.Duration;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Remembers which one-time credentials (authorization codes, refresh tokens) were presented, across nodes, and which
 * authorization they belonged to, so a second presentation can be recognised and its whole family revoked.
 */
public interface UsedTokens {

    /** Records the first presentation; {@code true} for the first caller only, even when several nodes race. */
    boolean markUsed(OAuth2TokenType type, String tokenValue, String authorizationId, Duration remember);

    /** Forgets the first presentation: the grant it started was refused, so the token was not used. */
    void release(OAuth2TokenType type, String tokenValue);

    /** The authorization id recorded when the token was first presented, or {@code null}. */
    String authorizationOf(OAuth2TokenType type, String tokenValue);
}
