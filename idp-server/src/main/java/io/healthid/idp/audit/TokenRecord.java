package io.healthid.idp.audit;

import java.time.Instant;

/**
 * One token event as the audit trail keeps it: never the token, only {@code tokenFingerprint} (16 hex digits of its
 * SHA-256); {@code null} where unknown or not applicable.
 */
public record TokenRecord(Instant occurredAt, TokenEventKind event, String clientId, String grantType,
        String nationalId, String tokenFingerprint, String correlationId) {
}
