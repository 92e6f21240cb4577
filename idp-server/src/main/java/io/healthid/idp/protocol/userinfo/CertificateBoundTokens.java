package io.healthid.idp.protocol.userinfo;

import io.healthid.idp.mtls.PresentedCertificate;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.x509.CertificateThumbprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.server.ServerWebExchange;

/**
 * RFC 8705 3: an access token bound to a certificate ({@code cnf.x5t#S256}) is accepted only from a request that
 * presents that certificate (TLS handshake or trusted proxy). Spring Security's own thumbprint validator reads the
 * certificate from a servlet request holder, always empty under WebFlux, so the check is made here from the exchange.
 */
final class CertificateBoundTokens {

    private static final String THUMBPRINT = "x5t#S256";

    private final PresentedCertificateConverter certificates;

    /** @param certificates {@code null} when no listener carries client certificates: bound tokens are then refused */
    CertificateBoundTokens(PresentedCertificateConverter certificates) {
        this.certificates = certificates;
    }

    void check(Jwt accessToken, ServerWebExchange exchange) {
        Map<String, Object> confirmation = accessToken.getClaimAsMap("cnf");
        Object expected = confirmation == null ? null : confirmation.get(THUMBPRINT);
        if (expected == null) {
            return;
        }
        PresentedCertificate presented;
        try {
            presented = this.certificates == null ? null : this.certificates.convert(exchange);
        }
        catch (RuntimeException malformedHeader) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
        if (!(presented instanceof PresentedCertificate.Chain chain) || chain.certificates().isEmpty()
                || !MessageDigest.isEqual(expected.toString().getBytes(StandardCharsets.US_ASCII),
                        CertificateThumbprint.sha256(chain.certificates().get(0)).getBytes(StandardCharsets.US_ASCII))) {
            throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN);
        }
    }
}
