package io.healthid.demo.web;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * What the demo keeps of a login, to show it: the raw tokens as last received (login or refresh) and the userinfo
 * answer. Held in the session only; a real relying party would keep no more than it needs.
 *
 * @param refreshed when the tokens were last refreshed, or {@code null}
 * @param refreshError the error of the last refresh attempt, or {@code null}
 */
public record SignedIn(String idToken, String accessToken, Instant accessTokenExpiresAt, boolean hasRefreshToken,
        Map<String, Object> userInfo, Instant refreshed, String refreshError) implements Serializable {

    public static final String SESSION_ATTRIBUTE = "demo.signedIn";

    public SignedIn withRefresh(String newIdToken, String newAccessToken, Instant expiresAt, Map<String, Object> newUserInfo,
            Instant at) {
        return new SignedIn(newIdToken == null ? this.idToken : newIdToken, newAccessToken, expiresAt, this.hasRefreshToken,
                newUserInfo == null ? this.userInfo : newUserInfo, at, null);
    }

    public SignedIn withRefreshError(String error) {
        return new SignedIn(this.idToken, this.accessToken, this.accessTokenExpiresAt, this.hasRefreshToken, this.userInfo,
                this.refreshed, error);
    }
}
