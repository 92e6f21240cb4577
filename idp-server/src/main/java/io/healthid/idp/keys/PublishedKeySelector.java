package io.healthid.idp.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

/**
 * Nimbus's key selection for the provider's own JWTs (allowed algorithms, the header's kid and key type, from the
 * published keys), with each key handed to the verifier as {@link NativeSigners#verificationKey} made it once per kid:
 * turning the JWK into a Java key, and that into the native provider's, on every token was a tenth of the userinfo endpoint's
 * CPU.
 */
public final class PublishedKeySelector extends JWSVerificationKeySelector<JWKSecurityContext> {

    private final NativeSigners natives;
    private final PerKid<Key> keyByKid = new PerKid<>();

    PublishedKeySelector(NativeSigners natives) {
        super(SigningAlgorithm.jwsAlgorithms(), new JWKSecurityContextJWKSet());
        this.natives = natives;
    }

    /**
     * A decoder of JWTs signed by a published key (signature only: the caller sets the validators). The builder's
     * {@code jwsAlgorithm(..)} keeps only the last algorithm given, so the selector names them all.
     */
    public static NimbusReactiveJwtDecoder decoder(SigningKeyService keys, NativeSigners natives) {
        return NimbusReactiveJwtDecoder.withJwkSource(keys::verificationKeys)
            .jwtProcessorCustomizer(processor -> {
                processor.setJWSKeySelector(new PublishedKeySelector(natives));
                processor.setJWSVerifierFactory(natives.verifierFactory());
            })
            .build();
    }

    @Override
    public List<Key> selectJWSKeys(JWSHeader header, JWKSecurityContext context) throws KeySourceException {
        JWKMatcher matcher = createJWKMatcher(header);
        if (!isAllowed(header.getAlgorithm()) || matcher == null) {
            return List.of();
        }
        List<Key> keys = new ArrayList<>(1);
        for (JWK jwk : getJWKSource().get(new JWKSelector(matcher), context)) {
            keys.add(verificationKey(jwk));
        }
        return keys;
    }

    private Key verificationKey(JWK jwk) throws KeySourceException {
        try {
            return this.keyByKid.get(jwk.getKeyID(), () -> this.natives.verificationKey(jwk));
        }
        catch (JOSEException ex) {
            throw new KeySourceException(ex.getMessage(), ex);
        }
    }
}
