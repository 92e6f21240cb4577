package io.healthid.idp.claims;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.model.Sha256;
import io.healthid.idp.settings.IdTokenClaims;
import io.healthid.idp.x509.CertificateThumbprint;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The one customizer of the JWTs SAS generates. For tokens issued to a practitioner: PSC's subject shape and identity
 * claims in the ID token and the access token, and {@code at_hash} in the ID token (OIDC Core 3.1.3.6) so a client can
 * bind the two. Tokens issued to a client alone (client credentials) keep SAS's claims.
 */
public final class PscTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

    /** What a minimal ID token keeps of the identity claims: the standard ones (OIDC Core 2). */
    static final List<String> MINIMAL_IDENTITY_CLAIMS = List.of("acr", "amr");

    private final SubjectIdentifiers subjects;
    private final IdTokenNames names;

    /** @param names prefetched by the token endpoint: SAS's workers never wait for the directory */
    public PscTokenCustomizer(SubjectIdentifiers subjects, IdTokenNames names) {
        this.subjects = subjects;
        this.names = names;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        bindToClientCertificate(context);
        if (!(context.getPrincipal() instanceof PractitionerAuthentication person)) {
            return;
        }
        var claims = context.getClaims();
        claims.subject(this.subjects.subjectOf(person.getNationalId()));
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        boolean minimal = idToken && IdTokenClaims.MINIMAL == context.getRegisteredClient().getClientSettings()
            .<IdTokenClaims>getSetting(RegisteredClientMapper.ID_TOKEN_CLAIMS);
        Map<String, Object> identity = PscClaims.identity(person);
        if (minimal) {
            identity.keySet().retainAll(MINIMAL_IDENTITY_CLAIMS);
        }
        identity.put("acr", ReturnedAcr.of(person, context.getAuthorization(), context.getRegisteredClient()));
        identity.forEach(claims::claim);
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            claims.claim("azp", context.getRegisteredClient().getClientId());
        }
        if (idToken) {
            OAuth2Authorization authorization = context.getAuthorization();
            OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization == null ? null
                    : authorization.getAccessToken();
            if (accessToken != null) {
                claims.claim("at_hash", leftHalfHash(accessToken.getToken().getTokenValue()));
            }
            if (!minimal) {
                this.names.of(person.getNationalId()).forEach(claims::claim);
            }
        }
    }

    /** RFC 8705 3.1: an access token of a mutual-TLS client carries its certificate's thumbprint. */
    private static void bindToClientCertificate(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !context.getRegisteredClient().getTokenSettings().isX509CertificateBoundAccessTokens()
                || context.getAuthorizationGrant() == null
                || !(context.getAuthorizationGrant().getPrincipal() instanceof OAuth2ClientAuthenticationToken client)
                || !(client.getCredentials() instanceof X509Certificate[] chain) || chain.length == 0) {
            return;
        }
        context.getClaims().claim("cnf", Map.of("x5t#S256",
                CertificateThumbprint.sha256(chain[0])));
    }

    /** RS256 and ES256 both hash with SHA-256, so at_hash is the left 128 bits of SHA-256, base64url. */
    static String leftHalfHash(String tokenValue) {
        byte[] digest = Sha256.digest(tokenValue);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
