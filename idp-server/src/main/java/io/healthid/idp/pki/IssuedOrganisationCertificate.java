package io.healthid.idp.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** An organisation certificate (a relying party's for {@code tls_client_auth}, RFC 8705, or a TLS server's), chain leaf first, and its key. */
public record IssuedOrganisationCertificate(List<X509Certificate> chain, PrivateKey privateKey) implements Credential {

    public IssuedOrganisationCertificate {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "IssuedOrganisationCertificate[" + certificate().getSubjectX500Principal() + "]";
    }
}
