package io.healthid.idp.session;

import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/** The SSO cookie, set as every cookie of this server is ({@link BrowserCookies}), scoped to the realm path. */
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
        return BrowserCookies.of(NAME, value, this.path, this.secure);
    }
}
