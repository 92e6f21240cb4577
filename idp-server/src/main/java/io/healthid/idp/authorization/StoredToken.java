package io.healthid.idp.authorization;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

/** One token; the access token type and scopes are set for access tokens only. */
record StoredToken(String type, String value, Instant issuedAt, Instant expiresAt,
        Map<String, Object> metadata, String accessTokenType, List<String> accessTokenScopes) {

    static StoredToken of(IndexedTokenType type, OAuth2Authorization.Token<? extends OAuth2Token> token) {
        OAuth2Token value = token.getToken();
        String accessTokenType = null;
        List<String> accessTokenScopes = null;
        if (value instanceof OAuth2AccessToken accessToken) {
            accessTokenType = accessToken.getTokenType().getValue();
            accessTokenScopes = new ArrayList<>(accessToken.getScopes());
        }
        return new StoredToken(type.value(), value.getTokenValue(), value.getIssuedAt(), value.getExpiresAt(),
                JwtValueClaims.storedMetadata(type, value.getTokenValue(), token.getMetadata()), accessTokenType,
                accessTokenScopes);
    }

    /** The metadata SAS had, the claims of a JWT included. */
    Map<String, Object> restoredMetadata() {
        return JwtValueClaims.restoredMetadata(kind(), this.value, this.metadata);
    }

    private IndexedTokenType kind() {
        return Arrays.stream(IndexedTokenType.values())
            .filter(candidate -> candidate.tokenClass() != null && candidate.value().equals(this.type))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("Unknown stored token type " + this.type));
    }

    /** @param metadata {@link #restoredMetadata}, which an ID token takes its claims from */
    OAuth2Token toToken(Map<String, Object> metadata) {
        return switch (kind()) {
            case CODE -> new OAuth2AuthorizationCode(this.value, this.issuedAt, this.expiresAt);
            case ACCESS_TOKEN -> new OAuth2AccessToken(parsedAccessTokenType(), this.value, this.issuedAt,
                    this.expiresAt, new LinkedHashSet<>(this.accessTokenScopes));
            case REFRESH_TOKEN -> new OAuth2RefreshToken(this.value, this.issuedAt, this.expiresAt);
            case ID_TOKEN -> new OidcIdToken(this.value, this.issuedAt, this.expiresAt, idTokenClaims(metadata));
            case USER_CODE -> new OAuth2UserCode(this.value, this.issuedAt, this.expiresAt);
            case DEVICE_CODE -> new OAuth2DeviceCode(this.value, this.issuedAt, this.expiresAt);
            case STATE -> throw new IllegalStateException("the state is an attribute, not a token");
        };
    }

    private OAuth2AccessToken.TokenType parsedAccessTokenType() {
        if (OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(this.accessTokenType)) {
            return OAuth2AccessToken.TokenType.BEARER;
        }
        if (OAuth2AccessToken.TokenType.DPOP.getValue().equalsIgnoreCase(this.accessTokenType)) {
            return OAuth2AccessToken.TokenType.DPOP;
        }
        throw new IllegalArgumentException("Unknown access token type " + this.accessTokenType);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> idTokenClaims(Map<String, Object> metadata) {
        Object claims = metadata.get(OAuth2Authorization.Token.CLAIMS_METADATA_NAME);
        if (!(claims instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("A stored ID token has no claims");
        }
        return (Map<String, Object>) claims;
    }
}
