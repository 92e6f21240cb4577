package io.healthid.idp.authorization;

import java.io.Serial;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Refuses to store an authorization that was removed (its token family revoked) while it was being updated, typically
 * by a token request racing the detection of a replayed code or refresh token on another node. It is an
 * {@code invalid_grant} so the token endpoint answers as for any revoked grant, and the tokens just generated are
 * never returned to the client.
 */
public final class RevokedAuthorizationException extends OAuth2AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    public RevokedAuthorizationException(String authorizationId) {
        super(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The authorization was revoked", null),
                "Authorization " + authorizationId + " was removed and cannot be saved again");
    }
}
