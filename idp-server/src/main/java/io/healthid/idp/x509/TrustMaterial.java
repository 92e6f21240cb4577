package io.healthid.idp.x509;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What client certificates must chain to: the IGC-Santé roots, the CAs that issue login cards (PERSONNES) and the
 * CAs that issue relying parties' organisation certificates (ORGANISATIONS).
 */
public record TrustMaterial(List<X509Certificate> trustAnchors, List<X509Certificate> cardIssuers,
        List<X509Certificate> organisationIssuers) {

    public TrustMaterial {
        trustAnchors = List.copyOf(trustAnchors);
        cardIssuers = List.copyOf(cardIssuers);
        organisationIssuers = List.copyOf(organisationIssuers);
    }

    /** From PEM files; {@code organisationIssuers} may be null (no {@code tls_client_auth} clients). */
    public static TrustMaterial fromPem(Path trustAnchors, Path cardIssuers, Path organisationIssuers) {
        return new TrustMaterial(PemFiles.certificates(trustAnchors), PemFiles.certificates(cardIssuers),
                organisationIssuers == null ? List.of() : PemFiles.certificates(organisationIssuers));
    }
}
