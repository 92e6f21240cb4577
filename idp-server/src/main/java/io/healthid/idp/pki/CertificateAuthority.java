package io.healthid.idp.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** One CA of the test hierarchy: its certificate and signing key. */
record CertificateAuthority(CaName name, X509Certificate certificate, PrivateKey privateKey) {

    @Override
    public String toString() {
        return "CertificateAuthority[" + this.name + "]";
    }
}
