package io.healthid.idp.protocol.discovery;

import io.healthid.idp.keys.SigningAlgorithm;
import io.healthid.idp.model.Acr;
import io.healthid.idp.protocol.authorize.ResponseModes;
import io.healthid.idp.settings.ClientAuthenticationMethods;
import io.healthid.idp.settings.GrantTypes;
import io.healthid.idp.settings.Issuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Provider metadata (OIDC Discovery 1.0), served at both the standard path and PSC's
 * {@code wallet-openid-configuration}. It advertises only what is implemented: built once with SAS's
 * {@link OidcProviderConfiguration} builder, which checks the required fields.
 */
public class DiscoveryEndpoint {

    private final Map<String, Object> metadata;

    /**
     * @param mutualTlsIssuer the issuer path on the card listener, where clients authenticate with their certificate
     *     (RFC 8705); empty when the card listener is off
     */
    public DiscoveryEndpoint(Issuer issuer, Optional<String> mutualTlsIssuer) {
        this(issuer, mutualTlsIssuer, Map.of());
    }

    /** @param extensions metadata of optional features (CIBA's endpoint and modes), added as they are */
    public DiscoveryEndpoint(Issuer issuer, Optional<String> mutualTlsIssuer, Map<String, Object> extensions) {
        List<String> clientAuthenticationMethods = new ArrayList<>(ClientAuthenticationMethods.REMOTE);
        mutualTlsIssuer.ifPresent(present -> clientAuthenticationMethods.add(ClientAuthenticationMethods.TLS_CLIENT_AUTH));
        // public clients exist (PKCE, no secret): the token endpoint accepts "none"; the back-channel others do not
        List<String> tokenEndpointMethods = new ArrayList<>(clientAuthenticationMethods);
        tokenEndpointMethods.add(ClientAuthenticationMethods.NONE);
        OidcProviderConfiguration.Builder builder = OidcProviderConfiguration.builder()
            .issuer(issuer.value())
            .authorizationEndpoint(issuer.url(Issuer.AUTHORIZATION))
            .tokenEndpoint(issuer.url(Issuer.TOKEN))
            .userInfoEndpoint(issuer.url(Issuer.USERINFO))
            .jwkSetUrl(issuer.url(Issuer.JWKS))
            .endSessionEndpoint(issuer.url(Issuer.LOGOUT))
            .tokenIntrospectionEndpoint(issuer.url(Issuer.INTROSPECTION))
            .tokenRevocationEndpoint(issuer.url(Issuer.REVOCATION))
            .responseType("code")
            .claim("response_modes_supported", ResponseModes.SUPPORTED)
            .grantTypes(grants -> grants.addAll(GrantTypes.SUPPORTED))
            .subjectType("public")
            .idTokenSigningAlgorithms(algorithms -> algorithms.addAll(SigningAlgorithm.names()))
            // profile: OIDC Core 5.4's names from the directory; no email, address or phone scope, whose claims are not
            // identity attributes we can release
            .scopes(scopes -> scopes.addAll(List.of("openid", "profile", "scope_all")))
            .tokenEndpointAuthenticationMethods(methods -> methods.addAll(tokenEndpointMethods))
            .tokenIntrospectionEndpointAuthenticationMethods(methods -> methods.addAll(clientAuthenticationMethods))
            .tokenRevocationEndpointAuthenticationMethods(methods -> methods.addAll(clientAuthenticationMethods))
            .codeChallengeMethod("S256")
            // what clients' assertions are verified with (RegisteredClientMapper), not what we sign with
            .claim("token_endpoint_auth_signing_alg_values_supported", ClientAuthenticationMethods.ASSERTION_ALGORITHMS)
            .claim("userinfo_signing_alg_values_supported", SigningAlgorithm.names())
            .claim("acr_values_supported", Acr.supported())
            .claim("prompt_values_supported", List.of("none", "login"))
            .claim("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr",
                    "sid", "at_hash", "SubjectNameID", "preferred_username", "authMode", "name", "given_name", "family_name",
                    "SubjectRefPro", "SubjectOrganization", "SubjectOrganizationID", "SubjectRole", "Secteur_Activite",
                    "PSI_Locale", "Palier_Authentification", "UITVersion", "Acces_Regulation_Medicale",
                    "Mode_Acces_Raison", "otherIds"))
            .claim("claims_parameter_supported", false)
            .claim("request_parameter_supported", false)
            .claim("request_uri_parameter_supported", false)
            .claim("authorization_response_iss_parameter_supported", true)
            .claim("frontchannel_logout_supported", false)
            .claim("backchannel_logout_supported", true)
            .claim("backchannel_logout_session_supported", true);
        mutualTlsIssuer.ifPresent(mtls -> builder
            .claim("tls_client_certificate_bound_access_tokens", true)
            .claim("mtls_endpoint_aliases", Map.of(
                    "token_endpoint", mtls + Issuer.TOKEN,
                    "introspection_endpoint", mtls + Issuer.INTROSPECTION,
                    "revocation_endpoint", mtls + Issuer.REVOCATION,
                    // certificate-bound access tokens are checked where the certificate is presented (RFC 8705 5)
                    "userinfo_endpoint", mtls + Issuer.USERINFO)));
        extensions.forEach(builder::claim);
        this.metadata = builder.build().getClaims();
    }

    public Mono<ServerResponse> metadata(ServerRequest request) {
        return ServerResponse.ok()
            .contentType(MediaType.APPLICATION_JSON)
            .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
            .header("Access-Control-Allow-Origin", "*")
            .bodyValue(this.metadata);
    }
}
