package io.healthid.idp.mtls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a request carries as a card certificate: a chain (card first) from the TLS handshake or a trusted proxy, a
 * {@code Client-Cert} header from an address that is not a trusted proxy (ignored, and reported), or nothing.
 */
public sealed interface PresentedCertificate {

    record Chain(List<X509Certificate> certificates, String source) implements PresentedCertificate {
    }

    record UntrustedHeader(String remoteAddress) implements PresentedCertificate {
    }

    record None() implements PresentedCertificate {
    }

    default boolean isPresent() {
        return this instanceof Chain;
    }
}
