package io.healthid.idp.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jose.JwaAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * The provider's {@link JwtEncoder}: signs with the one key that signs now for the header's algorithm
 * ({@link SigningKeyService#currentKey}), adds its {@code kid}, and hands the header and the claims to Nimbus as JSON
 * values. In place of {@code NimbusJwtEncoder} because that one always makes the JDK's signers; ours come from
 * {@link NativeSigners}, one per key.
 */
public final class SigningJwtEncoder implements JwtEncoder {

    private static final JwsHeader DEFAULT_HEADER = JwsHeader.with(SignatureAlgorithm.RS256).build();

    private final SigningKeyService keys;
    private final NativeSigners signers;
    private final PerKid<JWSSigner> signerByKid = new PerKid<>();

    public SigningJwtEncoder(SigningKeyService keys, NativeSigners signers) {
        this.keys = keys;
        this.signers = signers;
    }

    @Override
    public Jwt encode(JwtEncoderParameters parameters) {
        JwsHeader requested = parameters.getJwsHeader() != null ? parameters.getJwsHeader() : DEFAULT_HEADER;
        JWK key = currentKey(requested);
        JwsHeader headers = JwsHeader.from(requested).keyId(key.getKeyID()).build();
        JwtClaimsSet claims = parameters.getClaims();
        try {
            SignedJWT jwt = new SignedJWT(JWSHeader.parse(json(headers.getHeaders())),
                    JWTClaimsSet.parse(json(claims.getClaims())));
            jwt.sign(signer(key));
            return new Jwt(jwt.serialize(), instant(claims, JwtClaimNames.IAT), instant(claims, JwtClaimNames.EXP),
                    headers.getHeaders(), claims.getClaims());
        }
        catch (JOSEException | ParseException ex) {
            throw new JwtEncodingException("Failed to sign the JWT: " + ex.getMessage(), ex);
        }
    }

    /** The instant SAS put in the claim; Spring's accessor would look it up in its conversion service every time. */
    private static Instant instant(JwtClaimsSet claims, String name) {
        return claims.getClaims().get(name) instanceof Instant instant ? instant : claims.getClaimAsInstant(name);
    }

    private JWK currentKey(JwsHeader requested) {
        String algorithm = requested.getAlgorithm().getName();
        JWK key = SigningAlgorithm.of(algorithm).flatMap(this.keys::currentKey)
            .orElseThrow(() -> new JwtEncodingException("No key signs " + algorithm));
        if (requested.getKeyId() != null && !requested.getKeyId().equals(key.getKeyID())) {
            throw new JwtEncodingException("Key " + requested.getKeyId() + " does not sign now");
        }
        return key;
    }

    private JWSSigner signer(JWK key) throws JOSEException {
        return this.signerByKid.get(key.getKeyID(), () -> this.signers.signerFor(key));
    }

    /** Spring's header and claim values as JSON values: instants in seconds since the epoch, URLs and names as text. */
    private static Map<String, Object> json(Map<String, Object> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((name, value) -> json.put(name, jsonValue(value)));
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Object jsonValue(Object value) {
        if (value instanceof Instant instant) {
            return instant.getEpochSecond();
        }
        if (value instanceof URL || value instanceof URI) {
            return value.toString();
        }
        if (value instanceof JwaAlgorithm algorithm) {
            return algorithm.getName();
        }
        if (value instanceof Map<?, ?> map) {
            return json((Map<String, Object>) map);
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            collection.forEach(element -> list.add(jsonValue(element)));
            return list;
        }
        return value;
    }
}
