package io.healthid.idp.x509;

import io.healthid.idp.model.Sha256;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** The RFC 8705 {@code x5t#S256} thumbprint: base64url (unpadded) SHA-256 of the certificate's DER encoding. */
public final class CertificateThumbprint {

    private CertificateThumbprint() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a parsed certificate has a DER encoding", e);
        }
    }
}
