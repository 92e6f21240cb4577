package io.healthid.idp.authn;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import java.time.Duration;
import java.time.Instant;

/**
 * The one record of an authentication attempt (architecture decision 6). {@code nationalId} and {@code clientId} are
 * {@code null} when unknown; nothing secret goes in here.
 */
public record AuthenticationEvent(Instant occurredAt, AuthMethod method, ReasonCode reason, String clientId,
        String nationalId, Duration duration) {

    public String outcome() {
        return this.reason.isSuccess() ? "success" : "failure";
    }
}
