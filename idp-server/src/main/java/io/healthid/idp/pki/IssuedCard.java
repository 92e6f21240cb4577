package io.healthid.idp.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A card's login certificate, its issuing chain (leaf first, root last) and its private key. */
public record IssuedCard(List<X509Certificate> chain, PrivateKey privateKey) implements Credential {

    public IssuedCard {
        chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
        // never the key
        return "IssuedCard[" + certificate().getSubjectX500Principal() + ", serial " + certificate().getSerialNumber().toString(16) + "]";
    }
}
