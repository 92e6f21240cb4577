package io.healthid.idp.x509;

import java.io.IOException;
import java.net.URI;

/** Where CRLs come from: HTTP in production ({@link HttpCrlSource}), the generated test PKI in tests. */
@FunctionalInterface
public interface CrlSource {

    /** The CRL published at a certificate's distribution point, DER or PEM; IOException when it cannot be had. */
    byte[] fetch(URI distributionPoint) throws IOException;

    /**
     * Whether this source holds the distribution point's CRL in memory (a server that is itself the CA): then it is
     * read on every check and never cached, so a revocation counts at once.
     */
    default boolean isLocal(URI distributionPoint) {
        return false;
    }
}
