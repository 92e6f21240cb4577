package io.healthid.idp.authn.card;

import java.io.IOException;
import java.net.URI;

/** Where CRLs come from: HTTP in production ({@link HttpCrlSource}), the generated test PKI in tests. */
@FunctionalInterface
public interface CrlSource {

    /** The CRL published at a certificate's distribution point, DER or PEM; IOException when it cannot be had. */
    byte[] fetch(URI distributionPoint) throws IOException;
}
