package io.healthid.idp.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("RFC5280-5")
class EmbeddedPkiTest {

    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));

    @Test
    void crlWhenAskedAgainWithinAMinuteThenTheListSignedBefore() throws Exception {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory, TestPki.builder().clock(this.clock));
        X509CRL first = crl(pki.crl(CaName.PERSONNES));

        this.clock.advance(Duration.ofSeconds(59));

        assertThat(crl(pki.crl(CaName.PERSONNES))).isEqualTo(first);
        assertThat(first.getNextUpdate().toInstant()).isAfter(this.clock.instant().plus(Duration.ofDays(6)));
    }

    @Test
    void crlWhenAMinuteHasPassedThenSignedAgainWithANewThisUpdate() throws Exception {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory, TestPki.builder().clock(this.clock));
        X509CRL first = crl(pki.crl(CaName.PERSONNES));

        this.clock.advance(EmbeddedPki.CRL_REISSUE);

        X509CRL next = crl(pki.crl(CaName.PERSONNES));
        assertThat(next.getThisUpdate()).isAfter(first.getThisUpdate());
        assertThat(next.getThisUpdate().toInstant()).isEqualTo(this.clock.instant());
    }

    @Test
    void crlWhenCardRevokedWithinTheMinuteThenTheNextListNamesIt() throws Exception {
        EmbeddedPki pki = EmbeddedPki.loadOrCreate(this.directory, TestPki.builder().clock(this.clock));
        IssuedCard card = pki.current().issueCard(CardFixtures.cps(CardFixtures.RPPS_IDNAT).build());
        assertThat(crl(pki.crl(CaName.PERSONNES)).isRevoked(card.certificate())).isFalse();

        this.clock.advance(Duration.ofSeconds(1));
        pki.revoke(card.certificate());

        assertThat(crl(pki.crl(CaName.PERSONNES)).isRevoked(card.certificate())).isTrue();
        assertThat(crl(pki.crl(CaName.RACINE)).getRevokedCertificates()).isNull();
    }

    private static X509CRL crl(byte[] encoded) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
    }
}
