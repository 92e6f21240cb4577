package io.healthid.idp.session;

import io.healthid.idp.model.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/** Random bearer secrets for browser cookies, and the one-way ids under which the server files them. */
public final class SessionSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private SessionSecrets() {
    }

    /** 256 random bits, base64url. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** The SHA-256 of a secret, base64url: what Redis keys and tokens may carry instead of the secret. */
    public static String idOf(String secret) {
        return BASE64URL.encodeToString(Sha256.digest(secret));
    }

    /** A cookie value we issued is exactly 43 base64url characters: anything else is not looked up. */
    public static boolean isWellFormed(String secret) {
        return secret != null && secret.length() == 43 && secret.chars().allMatch(SessionSecrets::isBase64Url);
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
