package io.healthid.idp.protocol.logout;

import io.healthid.idp.model.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The anti-CSRF token of the logout confirmation (RP-Initiated Logout 1.0 section 6: without an
 * {@code id_token_hint} the person is asked). Derived from the session cookie, which another site can neither read
 * nor guess, so a cross-site form cannot carry it; nothing to store.
 */
final class LogoutConfirmation {

    private LogoutConfirmation() {
    }

    static String tokenFor(String sessionCookie) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest("logout-confirm:" + sessionCookie));
    }

    static boolean matches(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
