package io.healthid.idp.authn.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.model.CardType;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardFixtures;
import io.healthid.idp.pki.Credential;
import io.healthid.idp.pki.TestPki;
import io.healthid.idp.testsupport.MutableClock;
import io.healthid.idp.x509.CertificateThumbprint;
import io.healthid.idp.x509.CertificateValidator;
import io.healthid.idp.x509.CrlSource;
import io.healthid.idp.x509.RevocationMode;
import io.healthid.idp.x509.ValidationSettings;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every fixture of the test PKI against the validator; one reason code each (glossary.md). */
class CardCertificateValidatorTest {

    private static final CardFixtures fixtures = CardFixtures.shared();

    /** A minute after the fixtures' "now": revocations dated "now" are in the past. */
    private final MutableClock clock = new MutableClock(CardFixtures.NOW.plus(Duration.ofMinutes(1)));
    private final CountingPkiCrls crls = new CountingPkiCrls(fixtures.pki);

    @Test
    @Tag("RFC5280-6.1")
    void validateWhenValidCpsThenHolderWithIdNatNamesAndThumbprint() {
        CardValidationResult result = validator(RevocationMode.FAIL_CLOSED).validate(fixtures.cps.chain());

        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Accepted.class, accepted -> {
            CardHolder holder = accepted.holder();
            assertThat(holder.nationalId()).isEqualTo(CardFixtures.RPPS_IDNAT);
            assertThat(holder.cardType()).isEqualTo(CardType.CPS);
            assertThat(holder.surname()).contains("PHARMACH0007512");
            assertThat(holder.givenName()).contains("CAROLE");
            assertThat(holder.thumbprintS256()).isEqualTo(CertificateThumbprint.sha256(fixtures.cps.certificate()));
            assertThat(accepted.revocationChecked()).isTrue();
        });
    }

    @Test
    @Tag("RFC5280-6.1")
    void validateWhenOnlyTheCardIsPresentedThenTheConfiguredIssuerCompletesThePath() {
        // the Client-Cert header carries the card alone
        CardValidationResult result = validator(RevocationMode.FAIL_CLOSED).validate(List.of(fixtures.cps.certificate()));

        assertThat(result).isInstanceOf(CardValidationResult.Accepted.class);
    }

    @Test
    void validateWhenStructureStaffCardThenIdNatIsTheStructureIdentifierAndNoNames() {
        CardValidationResult result = validator(RevocationMode.FAIL_CLOSED).validate(fixtures.cpe.chain());

        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Accepted.class, accepted -> {
            assertThat(accepted.holder().nationalId()).isEqualTo(CardFixtures.STRUCTURE_STAFF_IDNAT);
            assertThat(accepted.holder().cardType()).isEqualTo(CardType.CPE);
            assertThat(accepted.holder().surname()).isEmpty();
        });
    }

    @Test
    void validateWhenNoCertificateThenCardNoCertificate() {
        assertReason(validator(RevocationMode.FAIL_CLOSED).validate(List.of()), ReasonCode.CARD_NO_CERTIFICATE);
        assertReason(validator(RevocationMode.FAIL_CLOSED).validate(null), ReasonCode.CARD_NO_CERTIFICATE);
    }

    @Test
    @Tag("RFC5280-6.1.3.a.2")
    void validateWhenCertificateExpiredThenCardExpired() {
        assertReason(validate(fixtures.expired), ReasonCode.CARD_EXPIRED);
    }

    @Test
    @Tag("RFC5280-6.1.3.a.2")
    void validateWhenCertificateNotYetValidThenCardNotYetValid() {
        assertReason(validate(fixtures.notYetValid), ReasonCode.CARD_NOT_YET_VALID);
    }

    @Test
    @Tag("RFC5280-6.1.3.a.2")
    void validateWhenTheClockPassesNotAfterThenCardExpired() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED);
        this.clock.advance(Duration.ofDays(4 * 365));

        assertReason(validator.validate(fixtures.cps.chain()), ReasonCode.CARD_EXPIRED);
    }

    @Test
    @Tag("RFC5280-6.3")
    void validateWhenCertificateRevokedThenCardRevoked() {
        assertReason(validate(fixtures.revoked), ReasonCode.CARD_REVOKED);
    }

    @Test
    @Tag("RFC5280-6.3")
    void validateWhenIssuingCaRevokedByTheRootThenCardRevoked() {
        TestPki caRevoked = fixtures.pki.revoke(fixtures.pki.certificate(CaName.PERSONNES));
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED,
                new CountingPkiCrls(caRevoked));

        assertReason(validator.validate(fixtures.cps.chain()), ReasonCode.CARD_REVOKED);
    }

    @Test
    @Tag("RFC5280-6.3.3")
    void validateWhenCrlUnavailableAndFailClosedThenRevocationUnknown() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED, CardCertificateValidatorTest::unreachable);

        assertReason(validator.validate(fixtures.cps.chain()), ReasonCode.CARD_REVOCATION_UNKNOWN);
    }

    @Test
    @Tag("RFC5280-6.3.3")
    void validateWhenCrlUnavailableAndFailOpenThenAcceptedUnchecked() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_OPEN, CardCertificateValidatorTest::unreachable);

        CardValidationResult result = validator.validate(fixtures.revoked.chain());

        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Accepted.class,
                accepted -> assertThat(accepted.revocationChecked()).isFalse());
    }

    @Test
    @Tag("RFC5280-6.3")
    void validateWhenCrlAvailableAndFailOpenThenRevokedStillRefused() {
        assertReason(validator(RevocationMode.FAIL_OPEN).validate(fixtures.revoked.chain()), ReasonCode.CARD_REVOKED);
    }

    @Test
    void validateWhenFailOpenAndAnotherFailureThenThatFailure() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_OPEN, CardCertificateValidatorTest::unreachable);

        assertReason(validator.validate(fixtures.expired.chain()), ReasonCode.CARD_EXPIRED);
    }

    @Test
    void validateWhenExpiredAndCrlUnavailableThenCardExpiredNotRevocationUnknown() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED, CardCertificateValidatorTest::unreachable);

        assertReason(validator.validate(fixtures.expired.chain()), ReasonCode.CARD_EXPIRED);
    }

    @Test
    void validateWhenRevocationOffThenNoCrlIsFetched() {
        CardValidationResult result = validator(RevocationMode.OFF).validate(fixtures.revoked.chain());

        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Accepted.class,
                accepted -> assertThat(accepted.revocationChecked()).isFalse());
        assertThat(this.crls.total()).isZero();
    }

    @Test
    @Tag("RFC5280-6.3.3")
    void validateWhenCrlPastNextUpdateAndUnreachableThenRevocationUnknown() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED);
        assertThat(validator.validate(fixtures.cps.chain())).isInstanceOf(CardValidationResult.Accepted.class);
        this.crls.breakDown();
        this.clock.advance(Duration.ofDays(8)); // the fixtures' CRLs are current for 7 days

        assertReason(validator.validate(fixtures.cps.chain()), ReasonCode.CARD_REVOCATION_UNKNOWN);
    }

    @Test
    void validateWhenCrlPastCacheLifetimeButCurrentAndUnreachableThenTheCachedCrlStillServes() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED);
        validator.validate(fixtures.cps.chain());
        this.crls.breakDown();
        this.clock.advance(Duration.ofHours(2)); // past the 1 h cache lifetime, within the CRL's 7 days

        assertThat(validator.validate(fixtures.revoked.chain())).isInstanceOfSatisfying(
                CardValidationResult.Rejected.class, rejected -> assertThat(rejected.reason()).isEqualTo(ReasonCode.CARD_REVOKED));
    }

    @Test
    void validateWhenCrlCachedThenFetchedOncePerLifetime() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED);
        validator.validate(fixtures.cps.chain());
        validator.validate(fixtures.cpf.chain());
        URI personnes = fixtures.pki.crlUrl(CaName.PERSONNES);
        assertThat(this.crls.count(personnes)).isEqualTo(1);

        this.clock.advance(Duration.ofMinutes(61));
        validator.validate(fixtures.cps.chain());

        assertThat(this.crls.count(personnes)).isEqualTo(2);
        assertThat(this.crls.count(fixtures.pki.crlUrl(CaName.RACINE))).isEqualTo(2);
    }

    @Test
    void validateWhenDistributionPointFailsThenNotRetriedBeforeTheRetryDelay() {
        CardCertificateValidator validator = validator(RevocationMode.FAIL_CLOSED);
        this.crls.breakDown();
        validator.validate(fixtures.cps.chain());
        validator.validate(fixtures.cps.chain());
        assertThat(this.crls.count(fixtures.pki.crlUrl(CaName.PERSONNES))).isEqualTo(1);

        this.clock.advance(Duration.ofSeconds(31));
        validator.validate(fixtures.cps.chain());

        assertThat(this.crls.count(fixtures.pki.crlUrl(CaName.PERSONNES))).isEqualTo(2);
    }

    @Test
    @Tag("RFC5280-6.1")
    void validateWhenIssuedUnderAnotherRootThenUntrustedIssuer() {
        assertReason(validate(fixtures.unknownIssuer), ReasonCode.CARD_UNTRUSTED_ISSUER);
    }

    @Test
    @Tag("RFC5280-6.1.3.a.1")
    void validateWhenIssuerHasOurNamesButAnotherKeyThenUntrustedIssuer() {
        assertReason(validate(fixtures.impostorIssuer), ReasonCode.CARD_UNTRUSTED_ISSUER);
    }

    @Test
    @Tag("RFC5280-6.1")
    void validateWhenSelfSignedThenUntrustedIssuer() {
        assertReason(validate(fixtures.selfSigned), ReasonCode.CARD_UNTRUSTED_ISSUER);
    }

    @Test
    void validateWhenOrganisationCertificateThenUntrustedIssuerBecauseOrganisationsIssuesNoCards() {
        assertReason(validate(fixtures.organisation), ReasonCode.CARD_UNTRUSTED_ISSUER);
    }

    @Test
    @Tag("RFC5280-4.2.1.12")
    void validateWhenSignatureCertificateThenCardNotForLogin() {
        assertReason(validate(fixtures.signatureOnly), ReasonCode.CARD_NOT_FOR_LOGIN);
    }

    @Test
    void validateWhenCnIsNoIdNatThenCardUnreadableSubject() {
        assertReason(validate(fixtures.unreadableSubject), ReasonCode.CARD_UNREADABLE_SUBJECT);
    }

    @Test
    void rejectionDetailNamesSerialAndIssuerButNotTheHolder() {
        CardValidationResult result = validate(fixtures.revoked);

        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Rejected.class, rejected -> {
            assertThat(rejected.detail()).contains(fixtures.revoked.certificate().getSerialNumber().toString(16));
            assertThat(rejected.detail()).doesNotContain("899700000033").doesNotContain("PHARMACH").doesNotContain("BEGIN");
        });
    }

    private CardValidationResult validate(Credential credential) {
        return validator(RevocationMode.FAIL_CLOSED).validate(credential.chain());
    }

    private CardCertificateValidator validator(RevocationMode mode) {
        return validator(mode, this.crls);
    }

    private CardCertificateValidator validator(RevocationMode mode, CrlSource crls) {
        return new CardCertificateValidator(new CertificateValidator(settings(mode), crls));
    }

    private ValidationSettings settings(RevocationMode mode) {
        return ValidationSettings.builder()
                .trustAnchors(fixtures.pki.trustAnchors())
                .issuers(fixtures.pki.cardIssuers())
                .revocationMode(mode)
                .crlCacheLifetime(Duration.ofHours(1))
                .crlRetryAfterFailure(Duration.ofSeconds(30))
                .clock(this.clock)
                .build();
    }

    private static void assertReason(CardValidationResult result, ReasonCode expected) {
        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(expected));
    }

    private static byte[] unreachable(URI uri) throws IOException {
        throw new IOException("connection refused: " + uri);
    }

    /** Serves the PKI's CRLs by URL, counts fetches, and can stop answering like a CRL server going down. */
    static final class CountingPkiCrls implements CrlSource {

        private final TestPki pki;
        private final Map<URI, AtomicInteger> fetches = new ConcurrentHashMap<>();
        private volatile boolean down;

        CountingPkiCrls(TestPki pki) {
            this.pki = pki;
        }

        @Override
        public byte[] fetch(URI distributionPoint) throws IOException {
            this.fetches.computeIfAbsent(distributionPoint, uri -> new AtomicInteger()).incrementAndGet();
            if (this.down) {
                throw new IOException("CRL server down");
            }
            for (CaName ca : CaName.values()) {
                if (this.pki.crlUrl(ca).equals(distributionPoint)) {
                    return this.pki.crl(ca);
                }
            }
            throw new IOException("404 " + distributionPoint);
        }

        void breakDown() {
            this.down = true;
        }

        int count(URI distributionPoint) {
            AtomicInteger count = this.fetches.get(distributionPoint);
            return count == null ? 0 : count.get();
        }

        int total() {
            return this.fetches.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

}
