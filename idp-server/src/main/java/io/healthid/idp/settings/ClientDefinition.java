package io.healthid.idp.settings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A relying party as an operator describes it (YAML seed or database row). The client store turns it
 * into SAS's {@code RegisteredClient}. Lifetimes left {@code null} take the server defaults.
 *
 * @param clientSecret the secret in clear in configuration (hashed before storage) or already encoded
 *     ({@code {bcrypt}...}); {@code null} for public clients and {@code private_key_jwt} clients
 * @param authenticationMethods {@code client_secret_basic}, {@code client_secret_post}, {@code private_key_jwt},
 *     {@code tls_client_auth}, {@code none} (public client, PKCE required)
 * @param requirePkce {@code true}: every authorization request needs an S256 code challenge. Public clients always
 *     need one; for confidential clients it is optional by default (ADR 0011)
 * @param idTokenSignedResponseAlg {@code RS256} (default) or {@code ES256}
 * @param userinfoSignedResponseAlg {@code null} for plain JSON userinfo, or the JWS algorithm of a signed one
 * @param tlsClientAuthSubjectDn for {@code tls_client_auth} (RFC 8705 2.1.2): the subject DN (RFC 4514) of the
 *     client's organisation certificate; its access tokens are then bound to that certificate
 * @param idTokenClaims {@code psc} (default) or {@code minimal}
 * @param acrClaim {@code requested} (default: the strongest requested level the login satisfies) or {@code achieved}
 * @param backchannelLogoutUri where the client receives logout tokens when an SSO session it took part in ends
 *     (OIDC Back-Channel Logout 1.0 2.2); {@code null} for none
 */
public record ClientDefinition(
        String clientId,
        String clientSecret,
        String clientName,
        Set<String> authenticationMethods,
        Set<String> grantTypes,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        Set<String> scopes,
        Boolean requirePkce,
        String jwksUri,
        String idTokenSignedResponseAlg,
        String userinfoSignedResponseAlg,
        Duration accessTokenLifetime,
        Duration refreshTokenLifetime,
        String tlsClientAuthSubjectDn,
        IdTokenClaims idTokenClaims,
        AcrClaim acrClaim,
        String backchannelLogoutUri) {

    public ClientDefinition {
        authenticationMethods = authenticationMethods == null ? Set.of(ClientAuthenticationMethods.CLIENT_SECRET_BASIC) : Set.copyOf(authenticationMethods);
        grantTypes = grantTypes == null ? Set.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.REFRESH_TOKEN) : Set.copyOf(grantTypes);
        redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
        postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of() : List.copyOf(postLogoutRedirectUris);
        scopes = scopes == null ? Set.of("openid", "profile", "scope_all") : Set.copyOf(scopes);
        clientName = clientName == null ? clientId : clientName;
        idTokenClaims = idTokenClaims == null ? IdTokenClaims.PSC : idTokenClaims;
        acrClaim = acrClaim == null ? AcrClaim.REQUESTED : acrClaim;
    }

    public boolean isPublic() {
        return this.authenticationMethods.contains("none");
    }

    /** The same definition with its secret replaced, e.g. by its hash. */
    public ClientDefinition withClientSecret(String secret) {
        return new ClientDefinition(this.clientId, secret, this.clientName, this.authenticationMethods, this.grantTypes,
                this.redirectUris, this.postLogoutRedirectUris, this.scopes, this.requirePkce, this.jwksUri,
                this.idTokenSignedResponseAlg, this.userinfoSignedResponseAlg, this.accessTokenLifetime,
                this.refreshTokenLifetime, this.tlsClientAuthSubjectDn, this.idTokenClaims, this.acrClaim,
                this.backchannelLogoutUri);
    }
}
