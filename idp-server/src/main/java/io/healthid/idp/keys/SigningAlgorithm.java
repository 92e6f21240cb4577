package io.healthid.idp.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The algorithms the provider signs with, each always backed by one current key. RS256 is every client's default
 * (as Pro Santé Connect); ES256 is for clients that register {@code id_token_signed_response_alg=ES256}.
 */
public enum SigningAlgorithm {

    /**
     * RSA 2048: what Pro Santé Connect and most identity providers publish, accepted by every relying party's
     * library, and ANSSI's minimum for use until 2030. Keys live 30 days, so 3072 bits would triple the signing
     * cost and lengthen every token for no gain today; raise {@link #RSA_BITS} before 2030.
     */
    RS256(JWSAlgorithm.RS256) {
        @Override
        JWKGenerator<? extends JWK> generator() {
            return new RSAKeyGenerator(RSA_BITS);
        }
    },

    /** NIST P-256, the only curve ES256 allows. */
    ES256(JWSAlgorithm.ES256) {
        @Override
        JWKGenerator<? extends JWK> generator() {
            return new ECKeyGenerator(Curve.P_256);
        }
    };

    static final int RSA_BITS = 2048;

    private final JWSAlgorithm jwsAlgorithm;

    SigningAlgorithm(JWSAlgorithm jwsAlgorithm) {
        this.jwsAlgorithm = jwsAlgorithm;
    }

    public JWSAlgorithm jwsAlgorithm() {
        return jwsAlgorithm;
    }

    /** Every algorithm's JWS name ({@code RS256}, {@code ES256}), as discovery advertises them. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SigningAlgorithm::name).toList();
    }

    public static Set<JWSAlgorithm> jwsAlgorithms() {
        return Arrays.stream(values()).map(SigningAlgorithm::jwsAlgorithm).collect(Collectors.toUnmodifiableSet());
    }

    /** The algorithm a JWS name ({@code es256} too) names; empty for one we do not sign with. */
    public static Optional<SigningAlgorithm> of(String name) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.name().equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A fresh key pair whose kid is its RFC 7638 thumbprint: unique, stable, and meaningless to an attacker.
     * {@code use} and {@code alg} are set so that a JWK selector, ours or a relying party's, never picks it for
     * anything else.
     */
    JWK generate() {
        try {
            return generator()
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(jwsAlgorithm)
                .keyIDFromThumbprint(true)
                .generate();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate a " + name() + " key", ex);
        }
    }

    abstract JWKGenerator<? extends JWK> generator();
}
