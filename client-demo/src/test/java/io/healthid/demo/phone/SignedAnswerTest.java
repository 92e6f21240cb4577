package io.healthid.demo.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The answer's shape is the device API's: compact JWS ES256, kid = device id, the phone's time in iat. */
class SignedAnswerTest {

    @Test
    void approvalWhenSignedThenCarriesTheNumberAndVerifiesWithThePublicKey() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Instant late = Instant.parse("2026-12-02T09:55:00Z");
        JWSObject answer = JWSObject.parse(SignedAnswer.create(key, "device-1", "challenge-1",
                SignedAnswer.Decision.APPROVE, 42, late));

        assertThat(answer.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(answer.getHeader().getKeyID()).isEqualTo("device-1");
        assertThat(answer.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        Map<String, Object> claims = answer.getPayload().toJSONObject();
        assertThat(claims).containsEntry("challengeId", "challenge-1").containsEntry("decision", "approve")
            .containsEntry("number", 42L).containsEntry("iat", late.getEpochSecond()).containsKey("jti");
    }

    @Test
    void denialWhenSignedThenCarriesNoNumber() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Map<String, Object> claims = JWSObject.parse(SignedAnswer.create(key, "device-1", "challenge-1",
                SignedAnswer.Decision.DENY, null, Instant.now())).getPayload().toJSONObject();
        assertThat(claims).containsEntry("decision", "deny").doesNotContainKey("number");
    }
}
