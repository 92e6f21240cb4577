package io.healthid.idp.authorization;

import io.healthid.idp.model.Sha256;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * Redis key names of the authorization store. Token values appear only as SHA-256 hashes: key names show up in
 * {@code MONITOR}, {@code SCAN}, slow logs and memory reports, where a raw token would be a usable credential.
 *
 * <p>Every name starts with the hash tag {@code {authz}}, so all of them live in one Redis Cluster slot: the scripts
 * touch a record, its tombstone and index keys named by token values, which no per-authorization tag could group.
 */
final class AuthorizationKeys {

    private static final String PREFIX = "{authz}:";

    private AuthorizationKeys() {
    }

    /** The hash holding the serialized authorization and the names of its index keys. */
    static String record(String authorizationId) {
        return PREFIX + authorizationId;
    }

    /** Present while a removed authorization must not be written again. */
    static String tombstone(String authorizationId) {
        return PREFIX + "revoked:" + authorizationId;
    }

    /**
     * The ids of every authorization issued to one principal (a person's idNat, a client's id), scored by when their
     * keys expire: what "log out everywhere" revokes.
     */
    static String principal(String principalName) {
        return PREFIX + "principal:" + sha256(principalName);
    }

    /** Maps one token (or state) value to the id of the authorization holding it. */
    static String tokenIndex(String tokenType, String tokenValue) {
        return PREFIX + "tok:" + tokenType + ":" + sha256(tokenValue);
    }

    /** Set once, by the first presentation of a one-time token. */
    static String firstUse(String tokenType, String tokenValue) {
        return PREFIX + "used:" + tokenType + ":" + sha256(tokenValue);
    }

    /** Set once, by the first use of a client assertion ({@code jti} per client, OIDC Core 9). */
    static String usedAssertion(String clientId, String jti) {
        return PREFIX + "jti:" + sha256(clientId) + ":" + sha256(jti);
    }

    /** The index keys of every token and state value the authorization holds. */
    static List<String> tokenIndexes(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        for (IndexedTokenType type : IndexedTokenType.values()) {
            String value = type.valueIn(authorization);
            if (value != null && !value.isEmpty()) {
                keys.add(tokenIndex(type.value(), value));
            }
        }
        return keys;
    }

    private static String sha256(String value) {
        return HexFormat.of().formatHex(Sha256.digest(value));
    }
}
