package io.healthid.idp.session;

import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The SSO cookie. HttpOnly, SameSite=Lax (sent on the top-level redirect from a relying party, not on cross-site
 * sub-requests), Secure whenever the issuer is HTTPS, scoped to the realm path.
 */
public final class SessionCookies {

    public static final String NAME = "IDP_SESSION";

    private final String path;
    private final boolean secure;

    public SessionCookies(String issuerPath, boolean secure) {
        this.path = issuerPath;
        this.secure = secure;
    }

    public String read(ServerWebExchange exchange) {
        var cookie = exchange.getRequest().getCookies().getFirst(NAME);
        return cookie == null ? null : cookie.getValue();
    }

    public ResponseCookie issue(String secret) {
        return base(secret).build();
    }

    public ResponseCookie clear() {
        return base("").maxAge(Duration.ZERO).build();
    }

    private ResponseCookie.ResponseCookieBuilder base(String value) {
        return ResponseCookie.from(NAME, value).httpOnly(true).secure(this.secure).sameSite("Lax").path(this.path);
    }
}
