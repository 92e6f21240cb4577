package io.healthid.idp.mtls.listener;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** The card listener's own TLS certificate chain (leaf first) and private key. */
public record ServerIdentity(List<X509Certificate> chain, PrivateKey privateKey) {

    public ServerIdentity {
        chain = List.copyOf(chain);
    }
}
