package io.healthid.idp.claims;

import io.healthid.idp.authn.PractitionerAuthentication;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * The one customizer of the JWTs SAS generates. For tokens issued to a practitioner: PSC's subject shape and identity
 * claims in the ID token and the access token, and {@code at_hash} in the ID token (OIDC Core 3.1.3.6) so a client can
 * bind the two. Tokens issued to a client alone (client credentials) keep SAS's claims.
 */
public final class PscTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

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
        PscClaims.identity(person).forEach(claims::claim);
        if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
            claims.claim("azp", context.getRegisteredClient().getClientId());
        }
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            OAuth2Authorization authorization = context.getAuthorization();
            OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization == null ? null
                    : authorization.getAccessToken();
            if (accessToken != null) {
                claims.claim("at_hash", leftHalfHash(accessToken.getToken().getTokenValue()));
            }
            this.names.of(person.getNationalId()).forEach(claims::claim);
        }
    }

    /** RFC 8705 3.1: an access token of a mutual-TLS client carries its certificate's thumbprint. */
    private static void bindToClientCertificate(JwtEncodingContext context) {
        if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())
                || !context.getRegisteredClient().getTokenSettings().isX509CertificateBoundAccessTokens()
                || context.getAuthorizationGrant() == null
                || !(context.getAuthorizationGrant().getPrincipal() instanceof org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken client)
                || !(client.getCredentials() instanceof java.security.cert.X509Certificate[] chain) || chain.length == 0) {
            return;
        }
        context.getClaims().claim("cnf", Map.of("x5t#S256",
                io.healthid.idp.authn.card.CertificateThumbprint.sha256(chain[0])));
    }

    /** RS256 and ES256 both hash with SHA-256, so at_hash is the left 128 bits of SHA-256, base64url. */
    static String leftHalfHash(String tokenValue) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tokenValue.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
