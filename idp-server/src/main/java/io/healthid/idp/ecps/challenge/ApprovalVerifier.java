package io.healthid.idp.ecps.challenge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.EcpsSignals;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The phone's answer to a challenge: a compact JWS, ES256, header {@code kid} = device id, payload {@code challengeId},
 * {@code decision} ({@code approve}|{@code deny}), {@code number} (browser logins), {@code iat}, {@code jti}. Checks
 * the signature with the device's registered key (Nimbus), then the claims; single use is the caller's (Redis).
 */
public class ApprovalVerifier {

    /** A verified answer. */
    public record Approval(String challengeId, boolean approve, Integer number, String jti) {
    }

    private final Clock clock;
    private final Duration skew;
    private final EcpsSignals signals;

    public ApprovalVerifier(Clock clock, Duration skew, EcpsSignals signals) {
        this.clock = clock;
        this.skew = skew;
        this.signals = signals;
    }

    public Approval verify(String compact, Device device) {
        if (compact == null || compact.length() > 8192) {
            throw new EcpsRefusal(ReasonCode.ECPS_BAD_SIGNATURE);
        }
        Map<String, Object> claims;
        try {
            JWSObject jws = JWSObject.parse(compact);
            if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm()) || !device.id().equals(jws.getHeader().getKeyID())
                    || !jws.verify(new ECDSAVerifier(device.publicKey()))) {
                throw new EcpsRefusal(ReasonCode.ECPS_BAD_SIGNATURE);
            }
            claims = jws.getPayload().toJSONObject();
        }
        catch (ParseException | JOSEException | IllegalStateException ex) {
            throw new EcpsRefusal(ReasonCode.ECPS_BAD_SIGNATURE);
        }
        if (claims == null || !(claims.get("challengeId") instanceof String challengeId)
                || !(claims.get("jti") instanceof String jti) || jti.isBlank() || jti.length() > 256
                || !(claims.get("iat") instanceof Number iat)) {
            throw new IllegalArgumentException("challengeId, iat and jti are required");
        }
        Object decision = claims.get("decision");
        if (!"approve".equals(decision) && !"deny".equals(decision)) {
            throw new IllegalArgumentException("decision is approve or deny");
        }
        Instant issuedAt = Instant.ofEpochSecond(iat.longValue());
        Instant now = this.clock.instant();
        this.signals.answered(Duration.between(issuedAt, now));
        if (issuedAt.isBefore(now.minus(this.skew)) || issuedAt.isAfter(now.plus(this.skew))) {
            throw new EcpsRefusal(ReasonCode.ECPS_CLOCK_SKEW);
        }
        Integer number = claims.get("number") instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : null;
        return new Approval(challengeId, "approve".equals(decision), number, jti);
    }
}
