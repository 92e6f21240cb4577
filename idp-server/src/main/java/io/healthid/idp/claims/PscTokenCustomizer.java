package io.healthid.idp.claims;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.model.Sha256;
import io.healthid.idp.x509.CertificateThumbprint;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    /** Directory claims copied into the ID token; the full set (SubjectRefPro...) stays in userinfo, as in PSC. */
    static final List<String> ID_TOKEN_DIRECTORY_CLAIMS = List.of("given_name", "family_name");

    private static final Logger logger = LoggerFactory.getLogger(PscTokenCustomizer.class);

    private static final Duration DIRECTORY_WAIT = Duration.ofSeconds(2);

    private final SubjectIdentifiers subjects;
    private final Optional<DirectoryClaims> directory;

    public PscTokenCustomizer(SubjectIdentifiers subjects, Optional<DirectoryClaims> directory) {
        this.subjects = subjects;
        this.directory = directory;
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
            directoryNames(person.getNationalId()).forEach(claims::claim);
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

    /**
     * SAS generates tokens on its own (blocking) workers, so the cached directory lookup is awaited here, briefly. A
     * directory that does not answer leaves the names out rather than failing the token request: login already
     * verified the person against it.
     */
    private Map<String, Object> directoryNames(String nationalId) {
        if (this.directory.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> all = this.directory.get().claimsFor(nationalId).block(DIRECTORY_WAIT);
            Map<String, Object> names = new LinkedHashMap<>();
            if (all != null) {
                ID_TOKEN_DIRECTORY_CLAIMS.stream().filter(all::containsKey).forEach(name -> names.put(name, all.get(name)));
            }
            return names;
        }
        catch (RuntimeException ex) {
            logger.warn("ID token issued without directory names: " + ex.getMessage());
            return Map.of();
        }
    }

    /** RS256 and ES256 both hash with SHA-256, so at_hash is the left 128 bits of SHA-256, base64url. */
    static String leftHalfHash(String tokenValue) {
        byte[] digest = Sha256.digest(tokenValue);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    }
}
