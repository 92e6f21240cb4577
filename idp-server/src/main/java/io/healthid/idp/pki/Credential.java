package io.healthid.idp.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate with its private key and the chain up to (and including) the root, leaf first. */
public interface Credential {

    List<X509Certificate> chain();

    PrivateKey privateKey();

    default X509Certificate certificate() {
        return chain().get(0);
    }
}
