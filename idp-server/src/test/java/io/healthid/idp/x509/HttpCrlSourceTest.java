package io.healthid.idp.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardFixtures;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** CRLs fetched over real HTTP from a loopback JDK server publishing the test PKI's CRLs at their URLs. */
class HttpCrlSourceTest {

    private HttpServer server;
    private final AtomicReference<TestPki> published = new AtomicReference<>();
    private volatile int status = 200;
    private volatile Duration delay = Duration.ZERO;
    private TestPki pki;
    private URI base;

    @BeforeEach
    void startServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.server.createContext("/pki/crl/", this::serveCrl);
        this.server.start();
        this.base = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/");
        this.pki = TestPki.builder().baseUrl(this.base).clock(CardFixtures.CLOCK).build();
        this.published.set(this.pki);
    }

    @AfterEach
    void stopServer() {
        this.server.stop(0);
    }

    @Test
    @Tag("RFC5280-4.2.1.13")
    void fetchWhenPublishedThenTheCaCrl() throws Exception {
        byte[] crl = new HttpCrlSource(Duration.ofSeconds(2)).fetch(this.pki.crlUrl(CaName.PERSONNES));

        assertThat(crl).isNotEmpty();
        assertThat(crl[0]).isEqualTo((byte) 0x30); // DER SEQUENCE
    }

    @Test
    @Tag("RFC5280-6.3")
    void checkWhenRevokedCardAndCrlOverHttpThenCardRevoked() {
        IssuedCard card = this.pki.issueCard(CardFixtures.cps(CardFixtures.RPPS_IDNAT).build());
        this.published.set(this.pki.revoke(card.certificate()));

        assertThat(validator(new HttpCrlSource(Duration.ofSeconds(2))).check(card.chain()))
                .isInstanceOfSatisfying(CertificateCheck.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(CertificateFailure.REVOKED));
    }

    @Test
    @Tag("RFC5280-6.3")
    void checkWhenValidCardAndCrlOverHttpThenAcceptedAndChecked() {
        IssuedCard card = this.pki.issueCard(CardFixtures.cps(CardFixtures.RPPS_IDNAT).build());

        assertThat(validator(new HttpCrlSource(Duration.ofSeconds(2))).check(card.chain()))
                .isInstanceOfSatisfying(CertificateCheck.Trusted.class,
                        trusted -> assertThat(trusted.revocationChecked()).isTrue());
    }

    @Test
    void checkWhenCrlServerAnswers404ThenRevocationUnknown() {
        this.status = 404;
        IssuedCard card = this.pki.issueCard(CardFixtures.cps(CardFixtures.RPPS_IDNAT).build());

        assertThat(validator(new HttpCrlSource(Duration.ofSeconds(2))).check(card.chain()))
                .isInstanceOfSatisfying(CertificateCheck.Refused.class,
                        refused -> assertThat(refused.failure()).isEqualTo(CertificateFailure.REVOCATION_UNKNOWN));
    }

    @Test
    void fetchWhenServerTooSlowThenFailsWithinTheTimeout() {
        this.delay = Duration.ofSeconds(3);
        long start = System.nanoTime();

        assertThatThrownBy(() -> new HttpCrlSource(Duration.ofMillis(300)).fetch(this.pki.crlUrl(CaName.PERSONNES)))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void fetchWhenCrlLargerThanTheLimitThenRefused() {
        assertThatThrownBy(() -> new HttpCrlSource(Duration.ofSeconds(2), 100).fetch(this.pki.crlUrl(CaName.PERSONNES)))
                .isInstanceOf(IOException.class).hasMessageContaining("larger than 100 bytes");
    }

    @Test
    void fetchWhenNotHttpThenRefusedWithoutConnecting() {
        assertThatThrownBy(() -> new HttpCrlSource(Duration.ofSeconds(2)).fetch(URI.create("ldap://ldap.example/cn=crl")))
                .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP distribution point");
    }

    private CertificateValidator validator(CrlSource source) {
        Clock oneMinuteLater = Clock.fixed(CardFixtures.NOW.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        return new CertificateValidator(ValidationSettings.builder()
                .trustAnchors(this.pki.trustAnchors())
                .issuers(this.pki.cardIssuers())
                .clock(oneMinuteLater)
                .build(), source);
    }

    private void serveCrl(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!this.delay.isZero()) {
                try {
                    Thread.sleep(this.delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String file = exchange.getRequestURI().getPath().substring("/pki/crl/".length());
            byte[] body = null;
            for (CaName ca : CaName.values()) {
                if (file.equals(ca.fileStem() + ".crl")) {
                    body = this.published.get().crl(ca);
                }
            }
            if (body == null || this.status != 200) {
                exchange.sendResponseHeaders(this.status == 200 ? 404 : this.status, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
