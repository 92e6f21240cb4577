package io.healthid.idp.ecps.device;

import com.nimbusds.jose.jwk.ECKey;
import io.healthid.idp.ecps.push.PushTarget;
import java.time.Instant;
import java.util.Locale;

/**
 * An activated phone: its public key (the private one never leaves it), how to push to it, and until when it may be
 * used. {@code keyThumbprint} is the RFC 7638 thumbprint of the key, by which its DPoP proofs find it.
 */
public record Device(String id, String nationalId, ECKey publicKey, String keyThumbprint, Platform platform,
        String osVersion, String appVersion, PushTarget push, ActivationMeans activatedBy, Instant createdAt,
        Instant expiresAt, Instant revokedAt) {

    /** How the phone was activated. */
    public enum ActivationMeans {
        CORRESPONDENCE, CARD
    }

    /** Where the registration stands: a revoked device stays revoked, whatever its expiry. */
    public enum Status {
        ACTIVE, REVOKED, EXPIRED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Status status(Instant now) {
        return isRevoked() ? Status.REVOKED : isExpired(now) ? Status.EXPIRED : Status.ACTIVE;
    }

    public boolean isRevoked() {
        return this.revokedAt != null;
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }
}
