package io.healthid.idp.authn.card;

import io.healthid.idp.authn.ReasonCode;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Validates the certificate a card presented, on the card listener or through a trusted proxy's header, and says who
 * holds it or the one reason code why not (ADR 0004). In order:
 * <ol>
 * <li>no certificate: CARD_NO_CERTIFICATE;</li>
 * <li>the card's issuer must be a configured card issuer (picked by name and signature, not from what the client
 * sent), then the JDK's PKIX {@link CertPathValidator} validates [card, issuer] up to a trust anchor at the clock's
 * time, with CRLs from the distribution points of both (RFC 5280 6.1, 6.3): expiry, not-yet-valid, revocation,
 * unknown revocation, untrusted;</li>
 * <li>the certificate must be an authentication one: CARD_NOT_FOR_LOGIN;</li>
 * <li>its subject must name a card holder: CARD_UNREADABLE_SUBJECT.</li>
 * </ol>
 * Trust before purpose and subject: nothing an untrusted certificate says is read. Thread-safe; blocking when a CRL
 * must be fetched, so the caller runs it on a blocking-friendly scheduler (Reactor's {@code boundedElastic}).
 */
public final class CardCertificateValidator {

    private final CardValidationSettings settings;
    private final CrlCache crls;
    private final Set<TrustAnchor> trustAnchors;
    private final CardSubjectReader subjectReader = new CardSubjectReader();

    /** A trust check's outcome: the refusal, or none and whether a CRL was consulted. */
    private record Trust(Optional<CardValidationResult.Rejected> refusal, boolean revocationChecked) {
    }

    public CardCertificateValidator(CardValidationSettings settings, CrlSource crlSource) {
        this.settings = settings;
        this.crls = new CrlCache(crlSource, settings.crlCacheLifetime(), settings.crlRetryAfterFailure(),
                settings.clock());
        this.trustAnchors = settings.trustAnchors().stream()
                .map(anchor -> new TrustAnchor(anchor, null))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param presented the client's certificates, card first (as {@code SSLSession.getPeerCertificates()} or a
     *        {@code Client-Cert} header give them); only the first is used
     */
    public CardValidationResult validate(List<X509Certificate> presented) {
        Trust trust = trust(presented);
        if (trust.refusal().isPresent()) {
            return trust.refusal().get();
        }
        X509Certificate card = presented.get(0);
        try {
            CardSubject subject = this.subjectReader.read(card);
            return new CardValidationResult.Accepted(CardHolder.of(subject, CertificateThumbprint.sha256(card)),
                    trust.revocationChecked());
        } catch (UnreadableSubjectException e) {
            return rejected(ReasonCode.CARD_UNREADABLE_SUBJECT, card, e.getMessage());
        }
    }

    /**
     * Everything but the subject: issued by a configured issuer, a valid path to a trust anchor, not revoked, fit for
     * client authentication. Also what a relying party's organisation certificate must pass for
     * {@code tls_client_auth} (RFC 8705 2.1), with a validator whose issuers are the ORGANISATIONS CAs.
     */
    public Optional<CardValidationResult.Rejected> checkTrustAndUsage(List<X509Certificate> presented) {
        return trust(presented).refusal();
    }

    private Trust trust(List<X509Certificate> presented) {
        if (presented == null || presented.isEmpty()) {
            return refused(new CardValidationResult.Rejected(ReasonCode.CARD_NO_CERTIFICATE, "no client certificate"));
        }
        X509Certificate card = presented.get(0);
        Optional<X509Certificate> issuer = issuerOf(card);
        if (issuer.isEmpty()) {
            return refused(rejected(ReasonCode.CARD_UNTRUSTED_ISSUER, card, "not issued by a configured CA"));
        }
        List<X509Certificate> path = List.of(card, issuer.get());
        boolean revocationChecked;
        try {
            revocationChecked = validatePath(path);
        } catch (CertPathValidatorException e) {
            return refused(rejected(CertPathFailures.reasonFor(e), failing(path, e), e.getMessage()));
        }
        Optional<String> usageProblem = LoginUsage.problem(card);
        if (usageProblem.isPresent()) {
            return refused(rejected(ReasonCode.CARD_NOT_FOR_LOGIN, card, usageProblem.get()));
        }
        return new Trust(Optional.empty(), revocationChecked);
    }

    private static Trust refused(CardValidationResult.Rejected rejected) {
        return new Trust(Optional.of(rejected), false);
    }

    /** The configured card CA named as the card's issuer whose key verifies the card's signature. */
    private Optional<X509Certificate> issuerOf(X509Certificate card) {
        return this.settings.cardIssuers().stream()
                .filter(ca -> ca.getSubjectX500Principal().equals(card.getIssuerX500Principal()))
                .filter(ca -> verifies(ca, card))
                .findFirst();
    }

    private static boolean verifies(X509Certificate ca, X509Certificate card) {
        try {
            card.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Returns whether revocation was checked; throws on any PKIX failure. When revocation cannot be determined, the
     * path is validated again without it, so an expired or untrusted card is reported as such and not as
     * CARD_REVOCATION_UNKNOWN, whose message asks the person to retry.
     */
    private boolean validatePath(List<X509Certificate> path) throws CertPathValidatorException {
        RevocationMode mode = this.settings.revocationMode();
        if (mode == RevocationMode.OFF) {
            pkix(path, false);
            return false;
        }
        try {
            pkix(path, true);
            return true;
        } catch (CertPathValidatorException unknown) {
            if (unknown.getReason() != BasicReason.UNDETERMINED_REVOCATION_STATUS) {
                throw unknown;
            }
            // a definite failure (expired, untrusted...) tells the person more than "try later": it wins
            pkix(path, false);
            if (mode == RevocationMode.FAIL_CLOSED) {
                throw unknown;
            }
            return false;
        }
    }

    private void pkix(List<X509Certificate> path, boolean checkRevocation) throws CertPathValidatorException {
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(this.trustAnchors);
            parameters.setDate(Date.from(this.settings.clock().instant()));
            parameters.setRevocationEnabled(checkRevocation);
            if (checkRevocation) {
                PKIXRevocationChecker revocation = (PKIXRevocationChecker) validator.getRevocationChecker();
                // CRLs only, for every certificate of the path: IGC-Santé publishes CRLs per CA
                revocation.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                        PKIXRevocationChecker.Option.NO_FALLBACK));
                parameters.addCertPathChecker(revocation);
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crlsFor(path))));
            }
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            validator.validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            if (e instanceof CertPathValidatorException failure) {
                throw failure;
            }
            throw new IllegalStateException("PKIX validation is unavailable in this JDK", e);
        }
    }

    private List<X509CRL> crlsFor(List<X509Certificate> path) {
        List<X509CRL> found = new ArrayList<>();
        for (X509Certificate certificate : path) {
            for (URI distributionPoint : distributionPoints(certificate)) {
                this.crls.crl(distributionPoint).ifPresent(found::add);
            }
        }
        return found;
    }

    /** The URI full names of the certificate's CRL distribution points (RFC 5280 4.2.1.13). */
    static List<URI> distributionPoints(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> uris = new ArrayList<>();
        if (extension == null) {
            return uris;
        }
        try {
            for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
                    .getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            uris.add(URI.create(general.getName().toString()));
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException unparsable) {
            // no usable distribution point: the revocation checker finds no CRL and says so
        }
        return uris;
    }

    private static X509Certificate failing(List<X509Certificate> path, CertPathValidatorException e) {
        int index = e.getIndex();
        return index >= 0 && index < path.size() ? path.get(index) : path.get(0);
    }

    private static CardValidationResult.Rejected rejected(ReasonCode reason, X509Certificate certificate, String why) {
        // serial and issuer identify the certificate for operators without copying personal data into logs
        return new CardValidationResult.Rejected(reason, why + " [serial " + certificate.getSerialNumber().toString(16)
                + ", issuer " + certificate.getIssuerX500Principal().getName() + "]");
    }
}
