package io.healthid.idp.pki;

import io.healthid.idp.model.CardType;
import java.net.URI;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Real certificates from the generated test PKI, one per case (in the manner of gematik's ref-idp-server fixtures).
 * Made once per test JVM: RSA key generation is the slow part of these tests.
 */
public final class CardFixtures {

    /** The fixtures' "now": a PKI and validators built on this instant agree on what is valid. */
    public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    public static final String RPPS_IDNAT = "899700075122";
    public static final String STRUCTURE_STAFF_IDNAT = "512345678901234/CPE0001";

    private static CardFixtures shared;

    /** The PKI, with {@link #revoked()} listed in the PERSONNES CRL. */
    public final TestPki pki;
    public final IssuedCard cps;
    public final IssuedCard cpf;
    public final IssuedCard cpe;
    public final IssuedCard cde;
    public final IssuedCard expired;
    public final IssuedCard notYetValid;
    public final IssuedCard revoked;
    /** A signature certificate: keyUsage nonRepudiation only, no clientAuth EKU. */
    public final IssuedCard signatureOnly;
    /** A card-shaped certificate whose CN is no idNat. */
    public final IssuedCard unreadableSubject;
    /** A well-formed card from another root ({@code ROGUE AC RACINE ...}). */
    public final IssuedCard unknownIssuer;
    /** A card-shaped certificate from a hierarchy with the same names as ours but other keys. */
    public final IssuedCard impostorIssuer;
    public final IssuedCard selfSigned;
    public final IssuedOrganisationCertificate organisation;

    private CardFixtures() {
        TestPki base = TestPki.builder().baseUrl(URI.create("http://idp.test/")).clock(CLOCK).build();
        this.cps = base.issueCard(cps(RPPS_IDNAT).build());
        this.cpf = base.issueCard(CardRequest.nominative(CardType.CPF, "899700123456", "INTERNE0012345", "LEA",
                "Interne en medecine").build());
        this.cpe = base.issueCard(CardRequest.structureStaff(CardType.CPE, STRUCTURE_STAFF_IDNAT, "512345678901234",
                "CENTRE HOSPITALIER DE TEST", "NANTES").build());
        this.cde = base.issueCard(CardRequest.structureStaff(CardType.CDE, "3123456789/DIR0001", "3123456789",
                "EHPAD DE TEST", "LYON").build());
        this.expired = base.issueCard(cps("899700000011")
                .validity(NOW.minus(Duration.ofDays(3 * 365)), NOW.minus(Duration.ofDays(1))).build());
        this.notYetValid = base.issueCard(cps("899700000022")
                .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3 * 365))).build());
        this.revoked = base.issueCard(cps("899700000033").build());
        this.signatureOnly = base.issueCard(cps(RPPS_IDNAT).purpose(KeyPurpose.SIGNATURE).build());
        this.unreadableSubject = base.issueCard(cps("DUPONT").build());
        this.organisation = base.issueOrganisation(new OrganisationRequest("client-demo.test", "R102671",
                "CLINIQUE DE DEMONSTRATION"));
        this.pki = base.revoke(this.revoked.certificate());
        this.unknownIssuer = TestPki.builder().environment("ROGUE").clock(CLOCK).build()
                .issueCard(cps(RPPS_IDNAT).build());
        this.impostorIssuer = TestPki.builder().clock(CLOCK).build().issueCard(cps(RPPS_IDNAT).build());
        KeyPair keys = CertificateMaker.newRsaKeyPair(2048);
        this.selfSigned = new IssuedCard(List.of(CertificateMaker.selfSignedCard(cps(RPPS_IDNAT).build(), keys,
                NOW.minus(TestPki.BACKDATING), NOW.plus(Duration.ofDays(365)))), keys.getPrivate());
    }

    public static synchronized CardFixtures shared() {
        if (shared == null) {
            shared = new CardFixtures();
        }
        return shared;
    }

    public static CardRequest.Builder cps(String idNat) {
        return CardRequest.nominative(CardType.CPS, idNat, "PHARMACH0007512", "CAROLE", "Pharmacien");
    }
}
