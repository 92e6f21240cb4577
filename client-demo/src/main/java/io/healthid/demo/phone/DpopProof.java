package io.healthid.demo.phone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A DPoP proof (RFC 9449 section 4.2), the only thing that authenticates a phone after activation: header
 * {@code typ dpop+jwt}, ES256 and the device's public key; claims {@code htm}, {@code htu}, {@code iat} (the phone's
 * clock) and a fresh {@code jti}.
 */
public final class DpopProof {

    public static final JOSEObjectType TYPE = new JOSEObjectType("dpop+jwt");

    private DpopProof() {
    }

    /**
     * @param url the request's URL without query or fragment
     * @param issuedAt the time on the phone's clock
     */
    public static String create(ECKey key, String method, String url, Instant issuedAt) {
        SignedJWT proof = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(TYPE).jwk(key.toPublicJWK()).build(),
                new JWTClaimsSet.Builder().claim("htm", method).claim("htu", url).issueTime(Date.from(issuedAt))
                    .jwtID(UUID.randomUUID().toString()).build());
        try {
            proof.sign(new ECDSASigner(key));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("A P-256 key always signs ES256", ex);
        }
        return proof.serialize();
    }
}
