package io.healthid.idp.login;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.session.BrowserCookies;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The means this browser used last (a cookie, not a secret): the login page puts it first, and a browser whose
 * person chose e-CPS last is not sent to look for a card first, so a card left in the reader does not take over.
 */
public final class LastMethod {

    public static final String COOKIE = "IDP_LAST_METHOD";

    private LastMethod() {
    }

    public static Optional<AuthMethod> of(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null ? Optional.empty()
                : Arrays.stream(AuthMethod.values()).filter(method -> method.name().equals(cookie.getValue())).findFirst();
    }

    public static ResponseCookie cookie(AuthMethod method, String path, boolean secure) {
        return BrowserCookies.of(COOKIE, method.name(), path, secure)
            .maxAge(Duration.ofDays(365)).build();
    }
}
