package io.healthid.idp.x509;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Whether a card certificate is its authentication certificate: EKU clientAuth and keyUsage digitalSignature
 * (RFC 5280 4.2.1.3, 4.2.1.12). A CPx card also holds a signature certificate (nonRepudiation, no EKU) that browsers
 * offer too. RFC 5280 reads a missing EKU as "any purpose"; we require clientAuth explicitly because the login
 * certificates of CPx cards all carry it and the signature certificates do not.
 */
final class LoginUsage {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;

    private LoginUsage() {
    }

    /** Empty when fit for login, else why not. */
    static Optional<String> problem(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || !keyUsage[DIGITAL_SIGNATURE]) {
            return Optional.of("keyUsage lacks digitalSignature");
        }
        try {
            List<String> extendedKeyUsage = certificate.getExtendedKeyUsage();
            if (extendedKeyUsage == null || !extendedKeyUsage.contains(CLIENT_AUTH)) {
                return Optional.of("extendedKeyUsage lacks clientAuth");
            }
            return Optional.empty();
        } catch (CertificateParsingException e) {
            return Optional.of("unparsable extendedKeyUsage");
        }
    }
}
