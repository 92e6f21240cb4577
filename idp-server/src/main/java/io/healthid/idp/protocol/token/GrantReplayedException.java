package io.healthid.idp.protocol.token;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/** {@code invalid_grant} for a code or refresh token presented twice, telling whose tokens were revoked. */
class GrantReplayedException extends OAuth2AuthenticationException {

    private final String nationalId;

    GrantReplayedException(String nationalId) {
        super(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                "The grant was already used; every token issued from it is revoked", null));
        this.nationalId = nationalId;
    }

    /** The practitioner of the revoked family, {@code null} when it was already gone. */
    String nationalId() {
        return this.nationalId;
    }
}
