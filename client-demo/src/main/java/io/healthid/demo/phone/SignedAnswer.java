package io.healthid.demo.phone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The person's answer to a challenge as the app signs it (device API, {@code POST /challenges/{id}}): compact JWS
 * ES256, header {@code kid} = device id, payload {@code challengeId}, {@code decision}, {@code number} (browser
 * logins), {@code iat} (the phone's clock) and {@code jti}.
 */
public final class SignedAnswer {

    public enum Decision {
        APPROVE, DENY;

        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private SignedAnswer() {
    }

    /** @param number the number picked, {@code null} for a denial or a CIBA request (binding message, no numbers) */
    public static String create(ECKey key, String deviceId, String challengeId, Decision decision, Integer number,
            Instant signedAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("challengeId", challengeId);
        claims.put("decision", decision.value());
        if (number != null) {
            claims.put("number", number);
        }
        claims.put("iat", signedAt.getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        JWSObject answer = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(deviceId).build(), new Payload(claims));
        try {
            answer.sign(new ECDSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("A P-256 key always signs ES256", ex);
        }
        return answer.serialize();
    }
}
