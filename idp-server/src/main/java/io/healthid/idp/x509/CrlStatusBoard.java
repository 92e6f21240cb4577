package io.healthid.idp.x509;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The last CRL seen from each distribution point, by issuing CA, for operators: how old it is, when the CA promised
 * the next one, and whether the last fetch failed. Fed by {@link ObservedCrlSource}. Every CA the server trusts is
 * listed from the start, as never fetched until a card or an organisation certificate makes us read its CRL.
 */
public final class CrlStatusBoard {

    /**
     * @param ca the issuing CA's common name
     * @param distributionPoint {@code null} while no CRL of this CA was asked for
     * @param thisUpdate {@code null} while no CRL was ever had from this point
     * @param lastFailureAt the last failed fetch after the last good one, or {@code null}
     */
    public record Entry(String ca, URI distributionPoint, Instant thisUpdate, Instant nextUpdate, Instant fetchedAt,
            Instant lastFailureAt) {

        /** Nothing asked for this CA's CRL since start: not a problem, nothing is known yet. */
        public boolean neverFetched() {
            return this.thisUpdate == null && this.lastFailureAt == null;
        }

        /** Past its nextUpdate, or asked for and never had. */
        public boolean staleAt(Instant now) {
            return this.thisUpdate == null ? this.lastFailureAt != null
                    : this.nextUpdate != null && now.isAfter(this.nextUpdate);
        }
    }

    private final Clock clock;
    private final List<String> trusted;
    private final ConcurrentMap<URI, Entry> entries = new ConcurrentHashMap<>();

    /** @param trust the CAs to list from the start (roots, card and organisation issuers), or {@code null} */
    public CrlStatusBoard(Clock clock, TrustMaterial trust) {
        this.clock = clock;
        this.trusted = trust == null ? List.of()
                : Stream.of(trust.trustAnchors(), trust.cardIssuers(), trust.organisationIssuers())
                    .flatMap(List::stream)
                    .map(ca -> commonName(ca.getSubjectX500Principal().getName()))
                    .distinct().toList();
    }

    /** Every trusted CA (never fetched until read), and every distribution point read since start. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(this.entries.values());
        Set<String> known = all.stream().map(Entry::ca).collect(Collectors.toSet());
        this.trusted.stream().filter(ca -> !known.contains(ca))
            .forEach(ca -> all.add(new Entry(ca, null, null, null, null, null)));
        all.sort(Comparator.comparing(Entry::ca));
        return all;
    }

    void fetched(URI distributionPoint, byte[] encoded) {
        try {
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(encoded));
            this.entries.put(distributionPoint, new Entry(commonName(crl.getIssuerX500Principal().getName()),
                    distributionPoint, crl.getThisUpdate().toInstant(),
                    crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant(), this.clock.instant(), null));
        }
        catch (CRLException | CertificateException unreadable) {
            failed(distributionPoint);
        }
    }

    void failed(URI distributionPoint) {
        Instant now = this.clock.instant();
        this.entries.compute(distributionPoint, (uri, known) -> known == null
                ? new Entry(uri.getPath(), uri, null, null, null, now)
                : new Entry(known.ca(), uri, known.thisUpdate(), known.nextUpdate(), known.fetchedAt(), now));
    }

    private static String commonName(String distinguishedName) {
        try {
            return new LdapName(distinguishedName).getRdns().stream()
                .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                .map(Rdn::getValue).map(Object::toString)
                .findFirst().orElse(distinguishedName);
        }
        catch (InvalidNameException e) {
            return distinguishedName;
        }
    }
}
