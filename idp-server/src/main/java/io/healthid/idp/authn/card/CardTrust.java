package io.healthid.idp.authn.card;

import io.healthid.idp.pki.TestPki;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What card certificates must chain to: the IGC-Santé roots and the CAs that issue login cards (and relying parties'
 * organisation certificates), from configured PEM files in production, or from the embedded test PKI.
 */
public record CardTrust(List<X509Certificate> trustAnchors, List<X509Certificate> cardIssuers,
        List<X509Certificate> organisationIssuers) {

    public static CardTrust of(CardProperties properties, TestPki testPki) {
        if (properties.trustAnchors() != null) {
            if (properties.cardIssuers() == null) {
                throw new IllegalStateException("idp.card.card-issuers is required with idp.card.trust-anchors");
            }
            return new CardTrust(PemFiles.certificates(properties.trustAnchors()), PemFiles.certificates(properties.cardIssuers()),
                    properties.organisationIssuers() == null ? List.of() : PemFiles.certificates(properties.organisationIssuers()));
        }
        if (testPki != null) {
            return new CardTrust(testPki.trustAnchors(), testPki.cardIssuers(),
                    List.of(testPki.certificate(io.healthid.idp.pki.CaName.ORGANISATIONS)));
        }
        throw new IllegalStateException("The card authenticator needs idp.card.trust-anchors and idp.card.card-issuers "
                + "(PEM files of the IGC-Santé roots and PERSONNES CAs), or idp.card.enabled=false");
    }
}
