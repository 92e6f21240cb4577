package io.healthid.idp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.observability.OperationsStatus;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.idp.x509.CertificateValidator;
import io.healthid.idp.x509.CrlSource;
import io.healthid.idp.x509.CrlStatusBoard;
import io.healthid.idp.x509.ObservedCrlSource;
import io.healthid.idp.x509.TrustMaterial;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * CRL status per CA (issue 12): every CA the server trusts is on the console and has its gauges from start-up, as
 * "never fetched yet" until a certificate it issued makes the server read its CRL, not only the CAs read since start.
 */
@IdpIntegrationTest
class CrlStatusConsoleTest {

    private static final String NEVER = "pas encore lue depuis le démarrage";

    @Autowired
    private TrustMaterial trust;

    @Autowired
    private CrlStatusBoard board;

    @Autowired
    private CrlSource crls;

    @Autowired
    private DatabaseClient database;

    @Autowired
    private Clock clock;

    @Test
    void crlsWhenServerStartsThenEveryTrustedCaGaugedAsNeverFetchedUntilItsCrlIsRead() throws Exception {
        CrlStatusBoard fresh = new CrlStatusBoard(this.clock, this.trust);
        MeterRegistry meters = new SimpleMeterRegistry();
        OperationsStatus status = new OperationsStatus(this.database, Optional.of(fresh), Duration.ofDays(30), this.clock,
                meters);
        status.refresh().block();

        List<String> cas = trustedCas();
        assertThat(cas).hasSizeGreaterThanOrEqualTo(3);
        assertThat(fresh.entries()).extracting(CrlStatusBoard.Entry::ca).containsExactlyInAnyOrderElementsOf(cas);
        assertThat(fresh.entries()).allSatisfy(entry -> {
            assertThat(entry.neverFetched()).as(entry.ca()).isTrue();
            assertThat(entry.staleAt(this.clock.instant())).as(entry.ca()).isFalse();
        });
        cas.forEach(ca -> assertThat(meters.get("idp.crl.age").tag("ca", ca).gauge().value()).as(ca).isNaN());

        // a card issuer's certificate names its root's CRL: reading it puts a date on that root only
        X509Certificate cardIssuer = this.trust.cardIssuers().get(0);
        URI rootCrl = CertificateValidator.distributionPoints(cardIssuer).get(0);
        new ObservedCrlSource(this.crls, fresh).fetch(rootCrl);
        status.refresh().block();

        String root = commonName(cardIssuer.getIssuerX500Principal().getName());
        Map<String, CrlStatusBoard.Entry> byCa = fresh.entries().stream()
            .collect(Collectors.toMap(CrlStatusBoard.Entry::ca, Function.identity()));
        assertThat(byCa.get(root).neverFetched()).isFalse();
        assertThat(byCa.get(root).thisUpdate()).isNotNull();
        assertThat(meters.get("idp.crl.age").tag("ca", root).gauge().value()).isGreaterThanOrEqualTo(0);
        assertThat(meters.get("idp.crl.next.update").tag("ca", root).gauge().value()).isPositive();
        cas.stream().filter(ca -> !ca.equals(root))
            .forEach(ca -> assertThat(meters.get("idp.crl.age").tag("ca", ca).gauge().value()).as(ca).isNaN());
    }

    @Test
    void consoleWhenShownThenEveryTrustedCaHasItsRowAndItsSeries() {
        String console = OperationsConsoleTest.signedInOperator().get("/admin").getResponseBody();
        String metrics = Metrics.scrape(new RelyingParty(ServerPort.PORT));
        Map<String, CrlStatusBoard.Entry> byCa = this.board.entries().stream()
            .collect(Collectors.toMap(CrlStatusBoard.Entry::ca, Function.identity(), (a, b) -> a));

        for (String ca : trustedCas()) {
            Matcher row = Pattern.compile("(?s)<tr[^>]*data-ca=\"" + Pattern.quote(ca) + "\"[^>]*>(.*?)</tr>").matcher(console);
            assertThat(row.find()).as("console row of " + ca).isTrue();
            double age = Metrics.value(metrics, "idp_crl_age_seconds{application=\"idp-server\",ca=\"" + ca + "\"}");
            assertThat(metrics).contains("idp_crl_next_update_seconds{application=\"idp-server\",ca=\"" + ca + "\"}");
            if (byCa.get(ca).neverFetched()) {
                assertThat(row.group(1)).as(ca).contains(NEVER);
                assertThat(age).as(ca).isNaN();
            }
            else {
                assertThat(row.group(1)).as(ca).doesNotContain(NEVER).containsPattern("\\d\\d/\\d\\d \\d\\d:\\d\\d");
                assertThat(age).as(ca).isGreaterThanOrEqualTo(0);
            }
        }
    }

    private List<String> trustedCas() {
        return Stream.of(this.trust.trustAnchors(), this.trust.cardIssuers(), this.trust.organisationIssuers())
            .flatMap(List::stream)
            .map(ca -> commonName(ca.getSubjectX500Principal().getName()))
            .distinct().toList();
    }

    private static String commonName(String distinguishedName) {
        return distinguishedName.replaceAll(".*CN=([^,]+).*", "$1");
    }
}
