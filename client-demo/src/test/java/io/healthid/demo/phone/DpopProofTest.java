package io.healthid.demo.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class DpopProofTest {

    static final String URL = "http://localhost:8080/auth/realms/esante-wallet/ecps/v1/challenges/abc";

    @Test
    @Tag("RFC9449-4.2")
    void proofWhenMadeThenTypedSignedByTheDeviceKeyAndBoundToTheRequest() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        SignedJWT proof = SignedJWT.parse(DpopProof.create(key, "POST", URL, at));

        assertThat(proof.getHeader().getType()).isEqualTo(new JOSEObjectType("dpop+jwt"));
        assertThat(proof.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        ECKey carried = (ECKey) proof.getHeader().getJWK();
        assertThat(carried.isPrivate()).as("the private key never leaves the phone").isFalse();
        assertThat(carried.computeThumbprint()).isEqualTo(key.computeThumbprint());
        assertThat(proof.verify(new ECDSAVerifier(carried))).isTrue();
        assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo("POST");
        assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo(URL);
        assertThat(proof.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(at);
        assertThat(proof.getJWTClaimsSet().getJWTID()).isNotBlank();
    }

    @Test
    @Tag("RFC9449-4.2")
    void proofWhenMadeTwiceThenEachHasItsOwnJti() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        assertThat(SignedJWT.parse(DpopProof.create(key, "GET", URL, at)).getJWTClaimsSet().getJWTID())
            .isNotEqualTo(SignedJWT.parse(DpopProof.create(key, "GET", URL, at)).getJWTClaimsSet().getJWTID());
    }
}
