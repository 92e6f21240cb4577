package io.healthid.idp.authorization;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.oauth2.core.converter.ClaimConversionService;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;

/**
 * The claims SAS keeps beside a JWT it issued (an ID token, a self-contained access token) are that JWT's payload, so
 * the store leaves them out of the document and reads them back from the token value, as a resource server would:
 * Nimbus's parser, then Spring's claim types ({@code iat}, {@code exp}, {@code nbf}, {@code auth_time} as instants,
 * {@code aud} as a list).
 * Writing them was the dearest part of saving an authorization: every refresh and code redemption wrote two typed
 * claim maps (bench/README, eighth pass).
 */
final class JwtValueClaims {

    /** Spring's types for a decoded JWT, and for {@code auth_time} the instant SAS copies into a refreshed ID token. */
    private static final MappedJwtClaimSetConverter CLAIM_TYPES = MappedJwtClaimSetConverter.withDefaults(Map.of(
            IdTokenClaimNames.AUTH_TIME, value -> ClaimConversionService.getSharedInstance().convert(value, Instant.class)));
    private static final String CLAIMS = OAuth2Authorization.Token.CLAIMS_METADATA_NAME;
    private static final String FORMAT = OAuth2TokenFormat.class.getName();

    private JwtValueClaims() {
    }

    /** The metadata to store: without the claims when the token value holds them. */
    static Map<String, Object> storedMetadata(IndexedTokenType type, String value, Map<String, Object> metadata) {
        if (!metadata.containsKey(CLAIMS) || !inValue(type, metadata) || !isCompactJws(value)) {
            return metadata;
        }
        Map<String, Object> stored = new LinkedHashMap<>(metadata);
        stored.remove(CLAIMS);
        return Collections.unmodifiableMap(stored);
    }

    /**
     * The metadata as SAS had it: stored claims as they are (documents written before the claims were left out),
     * otherwise the claims of the token value.
     * @throws IllegalArgumentException if the value should hold the claims and is not a JWT
     */
    static Map<String, Object> restoredMetadata(IndexedTokenType type, String value, Map<String, Object> metadata) {
        if (metadata.containsKey(CLAIMS) || !inValue(type, metadata)) {
            return metadata;
        }
        Map<String, Object> restored = new LinkedHashMap<>(metadata);
        restored.put(CLAIMS, claimsOf(value));
        return restored;
    }

    /** SAS's ID tokens are always JWTs; an access token is one when its format says so (not a reference token). */
    private static boolean inValue(IndexedTokenType type, Map<String, Object> metadata) {
        return type == IndexedTokenType.ID_TOKEN || type == IndexedTokenType.ACCESS_TOKEN
                && OAuth2TokenFormat.SELF_CONTAINED.getValue().equals(metadata.get(FORMAT));
    }

    /** Three parts, as in {@code header.payload.signature}: a cheap guard before trusting the value to parse later. */
    private static boolean isCompactJws(String value) {
        int first = value.indexOf('.');
        int second = first < 0 ? -1 : value.indexOf('.', first + 1);
        return first > 0 && second > first && value.indexOf('.', second + 1) < 0;
    }

    private static Map<String, Object> claimsOf(String value) {
        try {
            return CLAIM_TYPES.convert(JWTParser.parse(value).getJWTClaimsSet().getClaims());
        }
        catch (ParseException ex) {
            throw new IllegalArgumentException("A stored token's claims are in its value, which is not a JWT", ex);
        }
    }
}
