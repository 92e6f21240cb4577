package io.healthid.idp.audit;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import java.time.Duration;
import java.time.Instant;

/** One authentication attempt as the audit trail keeps it; {@code null} where unknown. */
public record AuthenticationRecord(Instant occurredAt, AuthMethod method, ReasonCode reason, String clientId,
        String nationalId, Duration duration, String correlationId) {
}
