package io.healthid.idp.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.x509.CrlSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("RFC5280-4.2.1.13")
class TestPkiCrlSourceTest {

    @TempDir
    Path directory;

    private final List<URI> forwarded = new ArrayList<>();
    private final CrlSource others = uri -> {
        this.forwarded.add(uri);
        throw new IOException("not reachable in this test");
    };

    @Test
    void fetchWhenOwnDistributionPointOnAnotherPortThenReadFromMemoryAndNeverCached() throws Exception {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory,
                TestPki.builder().baseUrl(URI.create("http://localhost:8080")));
        TestPkiCrlSource source = new TestPkiCrlSource(pki, this.others);
        // the server now runs on 18080: the distribution points still name 8080, and stay good
        URI onAnotherPort = URI.create("http://localhost:18080/pki/crl/personnes.crl");

        assertThat(source.isLocal(onAnotherPort)).isTrue();
        assertThat(source.isLocal(pki.current().crlUrl(CaName.PERSONNES))).isTrue();
        assertThat(crl(source.fetch(onAnotherPort)).getIssuerX500Principal())
            .isEqualTo(pki.current().certificate(CaName.PERSONNES).getSubjectX500Principal());
        assertThat(this.forwarded).isEmpty();
    }

    @Test
    void fetchWhenCardRevokedThenTheNextFetchListsIt() throws Exception {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory, TestPki.builder().baseUrl(URI.create("http://localhost:8080")));
        TestPkiCrlSource source = new TestPkiCrlSource(pki, this.others);
        IssuedCard card = pki.current().issueCard(CardFixtures.cps(CardFixtures.RPPS_IDNAT).build());
        URI crlUrl = pki.current().crlUrl(CaName.PERSONNES);
        assertThat(crl(source.fetch(crlUrl)).isRevoked(card.certificate())).isFalse();

        pki.revoke(card.certificate());

        assertThat(crl(source.fetch(crlUrl)).isRevoked(card.certificate())).isTrue();
    }

    @Test
    void fetchWhenAnotherHostOrPathThenTheNextSourceAnswers() {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory, TestPki.builder().baseUrl(URI.create("http://localhost:8080")));
        TestPkiCrlSource source = new TestPkiCrlSource(pki, this.others);
        for (URI elsewhere : List.of(URI.create("http://crl.igc-sante.example/pki/crl/personnes.crl"),
                URI.create("http://localhost:8080/other/personnes.crl"), URI.create("http://localhost:8080/pki/crl/nope.crl"))) {
            assertThat(source.isLocal(elsewhere)).as(elsewhere.toString()).isFalse();
            assertThatThrownBy(() -> source.fetch(elsewhere)).isInstanceOf(IOException.class);
        }
        assertThat(this.forwarded).hasSize(3);
    }

    private static X509CRL crl(byte[] encoded) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
    }
}
