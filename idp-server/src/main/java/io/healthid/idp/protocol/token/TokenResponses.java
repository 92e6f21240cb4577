package io.healthid.idp.protocol.token;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The token response in Keycloak's shape, which PSC integrators parse: {@code access_token}, {@code expires_in},
 * {@code refresh_expires_in}, {@code refresh_token}, {@code token_type}, {@code id_token}, {@code not-before-policy},
 * {@code session_state}, {@code scope}.
 */
public final class TokenResponses {

    /**
     * @param redeemed the authorization whose code or refresh token was redeemed, {@code null} for other grants: its
     *     SSO session gives {@code session_state} without parsing the ID token just issued
     */
    public Mono<ServerResponse> of(OAuth2AccessTokenAuthenticationToken result, OAuth2Authorization redeemed) {
        OAuth2AccessToken accessToken = result.getAccessToken();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken.getTokenValue());
        body.put("expires_in", lifetime(accessToken));
        OAuth2RefreshToken refreshToken = result.getRefreshToken();
        body.put("refresh_expires_in", refreshToken == null ? 0 : lifetime(refreshToken));
        if (refreshToken != null) {
            body.put("refresh_token", refreshToken.getTokenValue());
        }
        body.put("token_type", "Bearer");
        Object idToken = result.getAdditionalParameters().get("id_token");
        body.put("not-before-policy", 0);
        if (idToken != null) {
            body.put("id_token", idToken);
            String sid = SessionIds.sidOf(redeemed);
            if (sid != null) {
                // Keycloak's session_state is the SSO session's id: the same value as the ID token's sid
                body.put("session_state", sid);
            }
        }
        body.put("scope", String.join(" ", accessToken.getScopes()));
        return ServerResponse.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .cacheControl(CacheControl.noStore())
            .header(HttpHeaders.PRAGMA, "no-cache")
            .bodyValue(body);
    }

    /** The token's lifetime as issued (RFC 6749 5.1 {@code expires_in}): 120 for PSC's access tokens, not 119. */
    private static long lifetime(AbstractOAuth2Token token) {
        return token.getIssuedAt() == null || token.getExpiresAt() == null ? 0
                : Duration.between(token.getIssuedAt(), token.getExpiresAt()).getSeconds();
    }
}
