package io.healthid.idp.authorization;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.PractitionerAuthentication;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** Authorizations shaped as SAS builds them along an OpenID Connect authorization-code flow. */
final class TestAuthorizations {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(10);
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofHours(8);

    static final RegisteredClient CLIENT = RegisteredClient.withId("client-registration-1")
        .clientId("pro-sante-app")
        .clientSecret("{noop}secret")
        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
        .redirectUri("https://app.example/callback")
        .scope("openid")
        .scope("scope_all")
        .build();

    private TestAuthorizations() {
    }

    static PractitionerAuthentication practitioner() {
        return practitioner("899700218896");
    }

    static PractitionerAuthentication practitioner(String nationalId) {
        // nanoseconds on purpose: the instant must come back to the nanosecond
        return new PractitionerAuthentication(nationalId, AuthMethod.CARD, "eidas1",
                Instant.now().minusSeconds(30).plusNanos(123_456_789), "sso-session-" + UUID.randomUUID());
    }

    /** Waiting for consent: a state and no token. */
    static OAuth2Authorization awaitingConsent() {
        return base(practitioner()).attribute(OAuth2ParameterNames.STATE, "consent-state-" + UUID.randomUUID())
            .build();
    }

    /** Just after the authorization response: a code. */
    static OAuth2Authorization withCode() {
        return withCode(practitioner());
    }

    static OAuth2Authorization withCode(PractitionerAuthentication practitioner) {
        Instant now = Instant.now();
        return base(practitioner).token(new OAuth2AuthorizationCode("code-" + UUID.randomUUID(), now,
                now.plus(CODE_LIFETIME)))
            .build();
    }

    /** Just after the token response: the code used, access, refresh and ID tokens issued. */
    static OAuth2Authorization withTokens(OAuth2Authorization codeStage) {
        Instant now = Instant.now();
        PractitionerAuthentication practitioner = codeStage.getAttribute(Principal.class.getName());
        OAuth2AuthorizationCode code = codeStage.getToken(OAuth2AuthorizationCode.class).getToken();
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                "access-" + UUID.randomUUID(), now, now.plus(ACCESS_TOKEN_LIFETIME), Set.of("openid", "scope_all"));
        OidcIdToken idToken = new OidcIdToken("id-" + UUID.randomUUID(), now, now.plus(ACCESS_TOKEN_LIFETIME),
                idTokenClaims(practitioner, now));
        return OAuth2Authorization.from(codeStage)
            .invalidate(code)
            .token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                    accessTokenClaims(practitioner, now)))
            .refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now, now.plus(REFRESH_TOKEN_LIFETIME)))
            .token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME,
                    idToken.getClaims()))
            .build();
    }

    /** A client-credentials grant's: an access token for the client itself, no person. */
    static OAuth2Authorization clientCredentials() {
        Instant now = Instant.now();
        return OAuth2Authorization.withRegisteredClient(CLIENT)
            .principalName(CLIENT.getClientId())
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .authorizedScopes(Set.of("scope_all"))
            .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + UUID.randomUUID(), now,
                    now.plus(ACCESS_TOKEN_LIFETIME), Set.of("scope_all")))
            .build();
    }

    /** After a refresh: a new access token and a rotated refresh token. */
    static OAuth2Authorization refreshed(OAuth2Authorization tokenStage) {
        Instant now = Instant.now();
        return OAuth2Authorization.from(tokenStage)
            .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + UUID.randomUUID(), now,
                    now.plus(ACCESS_TOKEN_LIFETIME), Set.of("openid", "scope_all")))
            .refreshToken(new OAuth2RefreshToken("refresh-" + UUID.randomUUID(), now, now.plus(REFRESH_TOKEN_LIFETIME)))
            .build();
    }

    private static OAuth2Authorization.Builder base(PractitionerAuthentication practitioner) {
        Map<String, Object> additionalParameters = new LinkedHashMap<>();
        additionalParameters.put("nonce", "n-0S6_WzA2Mj");
        additionalParameters.put("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        additionalParameters.put("code_challenge_method", "S256");
        additionalParameters.put("acr_values", "eidas1");
        additionalParameters.put("max_age", "300");
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri("https://auth.healthid.example/oauth2/authorize")
            .clientId(CLIENT.getClientId())
            .redirectUri("https://app.example/callback")
            .scopes(Set.of("openid", "scope_all"))
            .state("client-state-af0ifjsldkj")
            .additionalParameters(additionalParameters)
            .build();
        return OAuth2Authorization.withRegisteredClient(CLIENT)
            .id(UUID.randomUUID().toString())
            .principalName(practitioner.getName())
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizedScopes(Set.of("openid", "scope_all"))
            .attribute(Principal.class.getName(), practitioner)
            .attribute(OAuth2AuthorizationRequest.class.getName(), request);
    }

    private static Map<String, Object> accessTokenClaims(PractitionerAuthentication practitioner, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://auth.healthid.example");
        claims.put("sub", practitioner.getName());
        claims.put("aud", Collections.singletonList(CLIENT.getClientId()));
        claims.put("scope", List.of("openid", "scope_all"));
        claims.put("iat", now);
        claims.put("exp", now.plus(ACCESS_TOKEN_LIFETIME));
        claims.put("acr", practitioner.getAcr());
        return claims;
    }

    private static Map<String, Object> idTokenClaims(PractitionerAuthentication practitioner, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://auth.healthid.example");
        claims.put("sub", practitioner.getName());
        claims.put("aud", Collections.singletonList(CLIENT.getClientId()));
        claims.put("iat", now);
        claims.put("exp", now.plus(ACCESS_TOKEN_LIFETIME));
        claims.put("auth_time", practitioner.getAuthenticatedAt());
        claims.put("nonce", "n-0S6_WzA2Mj");
        claims.put("sid", "sid-hash-of-session");
        claims.put("acr", practitioner.getAcr());
        claims.put("amr", practitioner.getAmr());
        return claims;
    }
}
