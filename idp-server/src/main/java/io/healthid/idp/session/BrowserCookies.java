package io.healthid.idp.session;

import org.springframework.http.ResponseCookie;

/**
 * How every cookie of this server is set: HttpOnly, SameSite=Lax (sent on the top-level redirect from a relying
 * party, not on cross-site sub-requests), Secure whenever the issuer is HTTPS, scoped to {@code path}.
 */
public final class BrowserCookies {

    private BrowserCookies() {
    }

    public static ResponseCookie.ResponseCookieBuilder of(String name, String value, String path, boolean secure) {
        return ResponseCookie.from(name, value).httpOnly(true).secure(secure).sameSite("Lax").path(path);
    }
}
