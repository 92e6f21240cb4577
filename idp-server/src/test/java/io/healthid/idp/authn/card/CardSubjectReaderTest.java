package io.healthid.idp.authn.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CardFixtures;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CardSubjectReaderTest {

    private static final CardFixtures fixtures = CardFixtures.shared();
    private final CardSubjectReader reader = new CardSubjectReader();

    @Test
    @Tag("psc-profile-multi-valued-rdn")
    void nominativeCardSubjectIsMultiValuedRdnThenTitleThenCountryWithoutOrganisation() {
        X500Name subject = X500Name.getInstance(fixtures.cps.certificate().getSubjectX500Principal().getEncoded());

        RDN[] rdns = subject.getRDNs();
        assertThat(rdns).hasSize(3);
        // encoding order: C, then title, then the multi-valued RDN (printed the other way round)
        assertThat(rdns[0].getFirst().getType()).isEqualTo(BCStyle.C);
        assertThat(rdns[1].getFirst().getType()).isEqualTo(BCStyle.T);
        assertThat(rdns[2].isMultiValued()).isTrue();
        assertThat(Arrays.stream(rdns[2].getTypesAndValues()).map(value -> value.getType()))
                .containsExactlyInAnyOrder(BCStyle.SURNAME, BCStyle.CN, BCStyle.GIVENNAME);
        assertThat(subject.getRDNs(BCStyle.O)).isEmpty();
        assertThat(subject.getRDNs(BCStyle.OU)).isEmpty();
    }

    @Test
    @Tag("psc-profile-multi-valued-rdn")
    void readWhenMultiValuedRdnThenIdNatFoundWhereNaiveDnSplittingLosesIt() throws Exception {
        X509Certificate card = fixtures.cps.certificate();

        assertThat(naiveCommonName(card)).isEmpty();
        assertThat(this.reader.read(card).nationalId()).isEqualTo(CardFixtures.RPPS_IDNAT);
    }

    @Test
    void readWhenNominativeCardThenSurnameAndGivenName() throws Exception {
        CardSubject subject = this.reader.read(fixtures.cpf.certificate());

        assertThat(subject.cardType()).isEqualTo(CardType.CPF);
        assertThat(subject.surname()).contains("INTERNE0012345");
        assertThat(subject.givenName()).contains("LEA");
    }

    @Test
    void readWhenStructureStaffCardThenCnWithSlashIsTheIdNat() throws Exception {
        CardSubject subject = this.reader.read(fixtures.cpe.certificate());

        assertThat(subject.nationalId()).isEqualTo(CardFixtures.STRUCTURE_STAFF_IDNAT);
        assertThat(subject.cardType()).isEqualTo(CardType.CPE);
        assertThat(subject.surname()).isEmpty();
    }

    @Test
    void readWhenCdeThenPolicyTellsItFromCpeThoughTheUpnCodeIsShared() throws Exception {
        CardSubject subject = this.reader.read(fixtures.cde.certificate());

        assertThat(subject.cardType()).isEqualTo(CardType.CDE);
        assertThat(subject.nationalId()).isEqualTo("3123456789/DIR0001");
    }

    @Test
    void readWhenCnIsNoIdNatThenUnreadable() {
        assertThatThrownBy(() -> this.reader.read(fixtures.unreadableSubject.certificate()))
                .isInstanceOf(UnreadableSubjectException.class)
                .hasMessageContaining("not the idNat of a CPS card");
    }

    @Test
    void readWhenOrganisationCertificateThenUnreadableForItCarriesNoCardType() {
        assertThatThrownBy(() -> this.reader.read(fixtures.organisation.certificate()))
                .isInstanceOf(UnreadableSubjectException.class)
                .hasMessageContaining("no card type");
    }

    /** The mistake this reader exists to avoid: split the RFC 2253 string on commas and look for "CN=". */
    private static Optional<String> naiveCommonName(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        return Arrays.stream(dn.split(","))
                .filter(part -> part.startsWith("CN="))
                .map(part -> part.substring(3))
                .findFirst();
    }
}
