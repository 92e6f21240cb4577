package io.healthid.idp.x509;

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
 * Checks a client certificate (a card's, or a relying party's organisation certificate) against IGC-Santé (ADR 0004).
 * In order:
 * <ol>
 * <li>no certificate: NO_CERTIFICATE;</li>
 * <li>the certificate's issuer must be a configured issuer (picked by name and signature, not from what the client
 * sent), then the JDK's PKIX {@link CertPathValidator} validates [certificate, issuer] up to a trust anchor at the
 * clock's time, with CRLs from the distribution points of both (RFC 5280 6.1, 6.3): expiry, not-yet-valid,
 * revocation, unknown revocation, untrusted;</li>
 * <li>the certificate must be a client-authentication one: NOT_FOR_CLIENT_AUTH.</li>
 * </ol>
 * Trust before purpose: nothing an untrusted certificate says is read. Thread-safe; blocking when a CRL must be
 * fetched, so the caller runs it on a blocking-friendly scheduler (Reactor's {@code boundedElastic}).
 */
public final class CertificateValidator {

    private final ValidationSettings settings;
    private final CrlCache crls;
    private final Set<TrustAnchor> trustAnchors;

    public CertificateValidator(ValidationSettings settings, CrlSource crlSource) {
        this.settings = settings;
        this.crls = new CrlCache(crlSource, settings.crlCacheLifetime(), settings.crlRetryAfterFailure(),
                settings.clock());
        this.trustAnchors = settings.trustAnchors().stream()
                .map(anchor -> new TrustAnchor(anchor, null))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param presented the client's certificates, leaf first (as {@code SSLSession.getPeerCertificates()} or a
     *        {@code Client-Cert} header give them); only the first is used
     */
    public CertificateCheck check(List<X509Certificate> presented) {
        if (presented == null || presented.isEmpty()) {
            return new CertificateCheck.Refused(CertificateFailure.NO_CERTIFICATE, "no client certificate");
        }
        X509Certificate leaf = presented.get(0);
        Optional<X509Certificate> issuer = issuerOf(leaf);
        if (issuer.isEmpty()) {
            return refused(CertificateFailure.UNTRUSTED_ISSUER, leaf, "not issued by a configured CA");
        }
        List<X509Certificate> path = List.of(leaf, issuer.get());
        boolean revocationChecked;
        try {
            revocationChecked = validatePath(path);
        } catch (CertPathValidatorException e) {
            return refused(CertPathFailures.failureOf(e), failing(path, e), e.getMessage());
        }
        Optional<String> usageProblem = LoginUsage.problem(leaf);
        if (usageProblem.isPresent()) {
            return refused(CertificateFailure.NOT_FOR_CLIENT_AUTH, leaf, usageProblem.get());
        }
        return new CertificateCheck.Trusted(revocationChecked);
    }

    /** The configured CA named as the certificate's issuer whose key verifies its signature. */
    private Optional<X509Certificate> issuerOf(X509Certificate leaf) {
        return this.settings.issuers().stream()
                .filter(ca -> ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))
                .filter(ca -> verifies(ca, leaf))
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
     * REVOCATION_UNKNOWN, whose message asks the person to retry.
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
    public static List<URI> distributionPoints(X509Certificate certificate) {
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

    private static CertificateCheck.Refused refused(CertificateFailure failure, X509Certificate certificate, String why) {
        // serial and issuer identify the certificate for operators without copying personal data into logs
        return new CertificateCheck.Refused(failure, why + " [serial " + certificate.getSerialNumber().toString(16)
                + ", issuer " + certificate.getIssuerX500Principal().getName() + "]");
    }
}
