package io.healthid.idp.client;

import io.healthid.idp.keys.SigningAlgorithm;
import io.healthid.idp.settings.AcrClaim;
import io.healthid.idp.settings.ClientAuthenticationMethods;
import io.healthid.idp.settings.ClientDefinition;
import io.healthid.idp.settings.GrantTypes;
import io.healthid.idp.settings.IdTokenClaims;
import io.healthid.idp.settings.IdpProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Turns an operator's {@link ClientDefinition} into SAS's {@link RegisteredClient}, filling server defaults. */
public final class RegisteredClientMapper {

    /** Client setting holding the JWS algorithm of signed userinfo responses (OIDC Registration 2). */
    public static final String USERINFO_SIGNED_RESPONSE_ALG = "userinfo_signed_response_alg";

    /** Client setting holding the {@link IdTokenClaims} shape of its ID tokens. */
    public static final String ID_TOKEN_CLAIMS = "id_token_claims";

    /** Client setting holding which {@link AcrClaim} its tokens carry. */
    public static final String ACR_CLAIM = "acr_claim";

    /** Client setting holding the back-channel logout URI (OIDC Back-Channel Logout 1.0 2.2). */
    public static final String BACKCHANNEL_LOGOUT_URI = "backchannel_logout_uri";
    /** CIBA client settings (OpenID CIBA Core section 4, registration metadata names). */
    public static final String BACKCHANNEL_TOKEN_DELIVERY_MODE = "backchannel_token_delivery_mode";
    public static final String BACKCHANNEL_CLIENT_NOTIFICATION_ENDPOINT = "backchannel_client_notification_endpoint";

    private final IdpProperties.Tokens defaults;

    public RegisteredClientMapper(IdpProperties.Tokens defaults) {
        this.defaults = defaults;
    }

    /**
     * @param id the stable internal id (the database key)
     * @throws IllegalArgumentException naming the client and the field when the definition is not usable
     */
    public RegisteredClient toRegisteredClient(String id, ClientDefinition definition) {
        require(definition, definition.clientId() != null && !definition.clientId().isBlank(), "client-id is missing");
        for (String method : definition.authenticationMethods()) {
            require(definition, ClientAuthenticationMethods.ALL.contains(method), "unsupported authentication method " + method);
        }
        for (String grant : definition.grantTypes()) {
            require(definition, GrantTypes.SUPPORTED.contains(grant), "unsupported grant type " + grant);
        }
        require(definition, !usesSecret(definition) || definition.clientSecret() != null, "a secret-authenticated client needs a secret");
        require(definition, !definition.authenticationMethods().contains("private_key_jwt") || definition.jwksUri() != null,
                "private_key_jwt needs jwks-uri");
        require(definition, !definition.grantTypes().contains("authorization_code") || !definition.redirectUris().isEmpty(),
                "the authorization_code grant needs at least one redirect URI");
        require(definition, !(definition.isPublic() && definition.grantTypes().contains("client_credentials")),
                "a public client cannot use client_credentials");
        boolean mutualTls = definition.authenticationMethods().contains("tls_client_auth");
        require(definition, !mutualTls || definition.tlsClientAuthSubjectDn() != null,
                "tls_client_auth needs tls-client-auth-subject-dn");

        String deliveryMode = definition.backchannelTokenDeliveryMode() == null ? "poll" : definition.backchannelTokenDeliveryMode();
        require(definition, Set.of("poll", "ping").contains(deliveryMode), "backchannel-token-delivery-mode is poll or ping");
        require(definition, !"ping".equals(deliveryMode) || definition.backchannelClientNotificationEndpoint() != null,
                "ping mode needs backchannel-client-notification-endpoint");
        require(definition, !(definition.isPublic() && definition.grantTypes().contains(GrantTypes.CIBA)),
                "a public client cannot use CIBA");

        SignatureAlgorithm idTokenAlgorithm = signatureAlgorithm(definition, definition.idTokenSignedResponseAlg());
        ClientSettings.Builder clientSettings = ClientSettings.builder()
            .requireAuthorizationConsent(false)
            // PKCE stays required for public clients whatever the definition says (architecture decision 1);
            // optional for confidential ones unless required (ADR 0011); SAS always checks the verifier of a code issued
            // with a challenge
            .requireProofKey(definition.isPublic() || Boolean.TRUE.equals(definition.requirePkce()))
            .setting(ID_TOKEN_CLAIMS, definition.idTokenClaims())
            .setting(ACR_CLAIM, definition.acrClaim());
        if (definition.jwksUri() != null) {
            clientSettings.jwkSetUrl(definition.jwksUri()).tokenEndpointAuthenticationSigningAlgorithm(
                    SignatureAlgorithm.from(ClientAuthenticationMethods.ASSERTION_ALGORITHMS.get(0)));
        }
        if (mutualTls) {
            // compared with X500Principal.getName(): normalised here so an operator's spacing does not matter
            clientSettings.x509CertificateSubjectDN(new X500Principal(
                    definition.tlsClientAuthSubjectDn()).getName());
        }
        if (definition.grantTypes().contains(GrantTypes.CIBA)) {
            clientSettings.setting(BACKCHANNEL_TOKEN_DELIVERY_MODE, deliveryMode);
            if (definition.backchannelClientNotificationEndpoint() != null) {
                clientSettings.setting(BACKCHANNEL_CLIENT_NOTIFICATION_ENDPOINT, definition.backchannelClientNotificationEndpoint());
            }
        }
        if (definition.userinfoSignedResponseAlg() != null) {
            clientSettings.setting(USERINFO_SIGNED_RESPONSE_ALG,
                    signatureAlgorithm(definition, definition.userinfoSignedResponseAlg()).getName());
        }
        if (definition.backchannelLogoutUri() != null) {
            require(definition, isAbsoluteHttpUriWithoutFragment(definition.backchannelLogoutUri()),
                    "backchannel-logout-uri must be an absolute http(s) URI without fragment");
            clientSettings.setting(BACKCHANNEL_LOGOUT_URI, definition.backchannelLogoutUri());
        }
        TokenSettings tokenSettings = TokenSettings.builder()
            .accessTokenTimeToLive(orDefault(definition.accessTokenLifetime(), this.defaults.access()))
            .refreshTokenTimeToLive(orDefault(definition.refreshTokenLifetime(), this.defaults.refresh()))
            .authorizationCodeTimeToLive(this.defaults.authorizationCode())
            .reuseRefreshTokens(false)
            // RFC 8705 3: a token issued over mutual TLS is only good with the same certificate
            .x509CertificateBoundAccessTokens(mutualTls)
            .idTokenSignatureAlgorithm(idTokenAlgorithm)
            .build();

        return RegisteredClient.withId(id)
            .clientId(definition.clientId())
            .clientSecret(definition.clientSecret())
            .clientName(definition.clientName())
            .clientAuthenticationMethods(methods -> acceptedMethods(definition)
                .forEach(method -> methods.add(new ClientAuthenticationMethod(method))))
            .authorizationGrantTypes(grants -> definition.grantTypes()
                .forEach(grant -> grants.add(new AuthorizationGrantType(grant))))
            .redirectUris(uris -> uris.addAll(definition.redirectUris()))
            .postLogoutRedirectUris(uris -> uris.addAll(definition.postLogoutRedirectUris()))
            .scopes(scopes -> scopes.addAll(definition.scopes()))
            .clientSettings(clientSettings.build())
            .tokenSettings(tokenSettings)
            .build();
    }

    private static boolean usesSecret(ClientDefinition definition) {
        return definition.authenticationMethods().stream().anyMatch(ClientAuthenticationMethods.SECRET::contains);
    }

    /**
     * A client with a secret may present it in the Authorization header or in the form, whichever it was registered
     * with: Keycloak (so PSC) accepts both, and the OpenID Foundation's plan runs its {@code client_secret_post}
     * module with the client it registered for {@code client_secret_basic} (and its second client the other way).
     * Both carry the same secret, so neither is weaker.
     */
    private static Set<String> acceptedMethods(ClientDefinition definition) {
        if (!usesSecret(definition)) {
            return definition.authenticationMethods();
        }
        Set<String> methods = new LinkedHashSet<>(definition.authenticationMethods());
        methods.addAll(ClientAuthenticationMethods.SECRET);
        return methods;
    }

    private static SignatureAlgorithm signatureAlgorithm(ClientDefinition definition, String name) {
        if (name == null) {
            return SignatureAlgorithm.RS256;
        }
        Optional<SigningAlgorithm> algorithm = SigningAlgorithm.of(name);
        require(definition, algorithm.isPresent(),
                "signing algorithm must be one of " + SigningAlgorithm.names() + ", not " + name);
        return SignatureAlgorithm.from(algorithm.get().name());
    }

    private static boolean isAbsoluteHttpUriWithoutFragment(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getFragment() == null;
        }
        catch (URISyntaxException ex) {
            return false;
        }
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }

    private static void require(ClientDefinition definition, boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("Client '" + definition.clientId() + "': " + problem);
        }
    }
}
