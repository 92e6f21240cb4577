package io.healthid.idp.session;

import io.healthid.idp.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Anti-CSRF tokens for the forms a signed-in person submits (the logout confirmation, the account page). Derived from
 * the session cookie, which another site can neither read nor guess, so a cross-site form cannot carry one; one
 * purpose per form, so a token for one form does not work for another; nothing to store.
 */
public final class FormTokens {

    private FormTokens() {
    }

    public static String tokenFor(String purpose, String sessionCookie) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(purpose + ":" + sessionCookie));
    }

    public static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
