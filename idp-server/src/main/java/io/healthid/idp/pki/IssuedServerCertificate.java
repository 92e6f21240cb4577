package io.healthid.idp.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A TLS server certificate, chain leaf first, and its key. */
public record IssuedServerCertificate(List<X509Certificate> chain, PrivateKey privateKey) implements Credential {

    public IssuedServerCertificate {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        return "IssuedServerCertificate[" + certificate().getSubjectX500Principal() + "]";
    }
}
