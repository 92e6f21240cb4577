package io.healthid.idp.login.ecps;

import io.healthid.idp.login.LastMethod;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.session.BrowserCookies;
import io.healthid.idp.session.SessionSecrets;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * Binds an e-CPS login to the browser that started it (architecture decision 8): the approval arrives from a phone,
 * so the transaction id in the URL is not enough; only the browser holding this cookie's secret may finish, and the
 * challenge keeps only the secret's hash. Also remembers the last means used, for the login page.
 */
public final class BrowserBinding {

    public static final String COOKIE = "IDP_ECPS_BROWSER";

    private final String path;
    private final boolean secure;

    public BrowserBinding(String issuerPath, boolean secure) {
        this.path = issuerPath;
        this.secure = secure;
    }

    /** The browser's secret: the one it already holds, or a new one. */
    public String secretOf(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie != null && SessionSecrets.isWellFormed(cookie.getValue()) ? cookie.getValue() : SessionSecrets.newSecret();
    }

    /** True when the request comes from the browser whose secret hashes to {@code binding}. */
    public boolean matches(ServerWebExchange exchange, String binding) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return binding != null && cookie != null && SessionSecrets.isWellFormed(cookie.getValue())
                && SessionSecrets.idOf(cookie.getValue()).equals(binding);
    }

    public ResponseCookie cookie(String secret) {
        return BrowserCookies.of(COOKIE, secret, this.path, this.secure).build();
    }

    /** Not a secret: which means this browser used last, so the login page can put it first. */
    public ResponseCookie lastMethod(AuthMethod method) {
        return LastMethod.cookie(method, this.path, this.secure);
    }
}
