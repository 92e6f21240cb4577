package io.healthid.idp.protocol.ciba;

import java.time.Instant;
import java.util.Set;

/**
 * A backchannel authentication request (OpenID CIBA Core section 7) waiting for its person: who asked, for whom,
 * which device ceremony answers it, and how the client learns the result.
 *
 * @param authReqId the handle the client polls with
 * @param deliveryMode {@code poll} or {@code ping}
 * @param notificationToken the client's bearer token for ping notifications, {@code null} in poll mode
 * @param interval minimum seconds between two polls
 */
public record CibaRequest(String authReqId, String clientId, String nationalId, String challengeId, Set<String> scopes,
        String deliveryMode, String notificationToken, Instant startedAt, Instant expiresAt, int interval) {

    public CibaRequest {
        scopes = Set.copyOf(scopes);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }
}
