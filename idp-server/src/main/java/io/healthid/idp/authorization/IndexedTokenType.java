package io.healthid.idp.authorization;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2DeviceCode;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.OAuth2UserCode;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The values an authorization can be looked up by, named as SAS names them in {@link OAuth2TokenType}: the consent
 * (or pushed request) {@code state} attribute and the six token kinds SAS stores in an authorization.
 */
enum IndexedTokenType {

    STATE(OAuth2ParameterNames.STATE, null),
    CODE(OAuth2ParameterNames.CODE, OAuth2AuthorizationCode.class),
    ACCESS_TOKEN(OAuth2TokenType.ACCESS_TOKEN.getValue(), OAuth2AccessToken.class),
    REFRESH_TOKEN(OAuth2TokenType.REFRESH_TOKEN.getValue(), OAuth2RefreshToken.class),
    ID_TOKEN(OidcParameterNames.ID_TOKEN, OidcIdToken.class),
    USER_CODE(OAuth2ParameterNames.USER_CODE, OAuth2UserCode.class),
    DEVICE_CODE(OAuth2ParameterNames.DEVICE_CODE, OAuth2DeviceCode.class);

    private final String value;
    private final @Nullable Class<? extends OAuth2Token> tokenClass;

    IndexedTokenType(String value, @Nullable Class<? extends OAuth2Token> tokenClass) {
        this.value = value;
        this.tokenClass = tokenClass;
    }

    /** The {@link OAuth2TokenType} value, also the type segment of the Redis key names. */
    String value() {
        return this.value;
    }

    /** The token class, or {@code null} for the state, which is an attribute and not a token. */
    @Nullable Class<? extends OAuth2Token> tokenClass() {
        return this.tokenClass;
    }

    /** The value of this kind held by the authorization, or {@code null}. */
    @Nullable String valueIn(OAuth2Authorization authorization) {
        if (this.tokenClass == null) {
            return authorization.getAttribute(OAuth2ParameterNames.STATE);
        }
        OAuth2Authorization.Token<? extends OAuth2Token> token = authorization.getToken(this.tokenClass);
        return (token != null) ? token.getToken().getTokenValue() : null;
    }

    /** The kind SAS means by this token type; empty for a type this service does not store (nothing to find). */
    static Optional<IndexedTokenType> of(OAuth2TokenType tokenType) {
        return Arrays.stream(values()).filter(type -> type.value.equals(tokenType.getValue())).findFirst();
    }
}
