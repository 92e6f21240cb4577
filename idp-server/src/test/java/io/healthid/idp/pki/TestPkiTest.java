package io.healthid.idp.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPkiTest {

    private static final CardFixtures fixtures = CardFixtures.shared();
    private static final TestPki pki = fixtures.pki;

    @Test
    void hierarchyHasIgcSanteTestNamesAndRootSignsBothCas() throws Exception {
        X509Certificate root = pki.certificate(CaName.RACINE);
        X509Certificate personnes = pki.certificate(CaName.PERSONNES);

        assertThat(root.getSubjectX500Principal().getName())
                .isEqualTo("CN=TEST AC RACINE IGC-SANTE ELEMENTAIRE,OU=IGC-SANTE TEST,O=ASIP-SANTE,C=FR");
        assertThat(personnes.getSubjectX500Principal().getName())
                .isEqualTo("CN=TEST AC IGC-SANTE ELEMENTAIRE PERSONNES,OU=IGC-SANTE TEST,O=ASIP-SANTE,C=FR");
        assertThat(pki.certificate(CaName.ORGANISATIONS).getSubjectX500Principal().getName())
                .startsWith("CN=TEST AC IGC-SANTE ELEMENTAIRE ORGANISATIONS,");
        root.verify(root.getPublicKey());
        personnes.verify(root.getPublicKey());
        assertThat(personnes.getBasicConstraints()).isZero();
        assertThat(pki.trustAnchors()).containsExactly(root);
        assertThat(pki.cardIssuers()).containsExactly(personnes);
    }

    @Test
    @Tag("psc-profile-card-certificate")
    void issueCardWhenNominativeThenTheRealCpsShape() throws Exception {
        X509Certificate card = fixtures.cps.certificate();

        String subject = card.getSubjectX500Principal().getName("RFC1779");
        assertThat(subject).endsWith(", OID.2.5.4.12=Pharmacien, C=FR");
        assertThat(subject.substring(0, subject.indexOf(','))).contains("OID.2.5.4.4=PHARMACH0007512")
                .contains("CN=899700075122").contains("OID.2.5.4.42=CAROLE").contains(" + ");
        assertThat(card.getSubjectAlternativeNames()).hasSize(1);
        assertThat(card.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(card.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(card.getKeyUsage()[1]).as("nonRepudiation").isFalse();
        assertThat(((RSAPublicKey) card.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(card.getIssuerX500Principal()).isEqualTo(pki.certificate(CaName.PERSONNES).getSubjectX500Principal());
        assertThat(fixtures.cps.chain()).hasSize(3);
        assertThat(upn(card)).isEqualTo("00.899700075122@carte-cps.fr");
        assertThat(card.getExtensionValue("2.5.29.32")).isNotNull();
    }

    @Test
    @Tag("RFC5280-4.2.1.13")
    void issuedCertificatesPointToTheirIssuersCrlUnderTheBaseUrl() throws Exception {
        assertThat(distributionPoints(fixtures.cps.certificate()))
                .containsExactly("http://idp.test/pki/crl/personnes.crl");
        assertThat(distributionPoints(pki.certificate(CaName.PERSONNES)))
                .containsExactly("http://idp.test/pki/crl/racine.crl");
        assertThat(distributionPoints(fixtures.organisation.certificate()))
                .containsExactly("http://idp.test/pki/crl/organisations.crl");
    }

    @Test
    void issueCardWhenStructureStaffThenCnOuOAndCity() {
        assertThat(fixtures.cpe.certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=512345678901234/CPE0001,OU=512345678901234,O=CENTRE HOSPITALIER DE TEST,L=NANTES,C=FR");
    }

    @Test
    void issueOrganisationThenClientAuthCertificateFromOrganisations() throws Exception {
        X509Certificate certificate = fixtures.organisation.certificate();

        assertThat(certificate.getIssuerX500Principal())
                .isEqualTo(pki.certificate(CaName.ORGANISATIONS).getSubjectX500Principal());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    @Tag("RFC8422-5.3")
    void issueServerThenP256KeyForSigningOnlyWithItsNamesFromOrganisations() throws Exception {
        IssuedOrganisationCertificate server = pki.issueServer(List.of("localhost", "127.0.0.1"));
        X509Certificate certificate = server.certificate();

        assertThat(certificate.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(server.privateKey().getAlgorithm()).isEqualTo("EC");
        // digitalSignature only: an ECDSA key signs the ECDHE parameters, it enciphers nothing
        assertThat(certificate.getKeyUsage()).containsExactly(true, false, false, false, false, false, false, false, false);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly("localhost", "127.0.0.1");
        certificate.verify(pki.certificate(CaName.ORGANISATIONS).getPublicKey());
    }

    @Test
    @Tag("RFC5280-5.3.1")
    void crlListsRevokedSerialsSignedByTheirCa() throws Exception {
        X509CRL crl = crl(pki.crl(CaName.PERSONNES));

        crl.verify(pki.certificate(CaName.PERSONNES).getPublicKey());
        assertThat(crl.getRevokedCertificate(fixtures.revoked.certificate())).isNotNull();
        assertThat(crl.getRevokedCertificate(fixtures.cps.certificate())).isNull();
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl(pki.crl(CaName.ORGANISATIONS)).getRevokedCertificates()).isNull();
    }

    @Test
    void revokeReturnsANewPkiAndLeavesTheOriginalUnchanged() throws Exception {
        TestPki revokedMore = pki.revoke(fixtures.cps.certificate());

        assertThat(crl(revokedMore.crl(CaName.PERSONNES)).getRevokedCertificate(fixtures.cps.certificate())).isNotNull();
        assertThat(crl(pki.crl(CaName.PERSONNES)).getRevokedCertificate(fixtures.cps.certificate())).isNull();
    }

    @Test
    void saveThenLoadKeepsCasSettingsAndRevocations(@TempDir Path dir) throws Exception {
        pki.save(dir);
        TestPki loaded = TestPki.load(dir, CardFixtures.CLOCK);

        for (CaName ca : CaName.values()) {
            assertThat(loaded.certificate(ca)).isEqualTo(pki.certificate(ca));
        }
        assertThat(loaded.baseUrl()).isEqualTo(pki.baseUrl());
        assertThat(crl(loaded.crl(CaName.PERSONNES)).getRevokedCertificate(fixtures.revoked.certificate())).isNotNull();
        X509Certificate issuedByLoaded = loaded.issueCard(CardFixtures.cps("899700000044").build()).certificate();
        issuedByLoaded.verify(pki.certificate(CaName.PERSONNES).getPublicKey());
        assertThat(Files.getPosixFilePermissions(dir.resolve("personnes.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void loadOrCreateCreatesOnceThenReuses(@TempDir Path dir) throws Exception {
        Path pkiDir = dir.resolve("pki");
        TestPki created = TestPki.loadOrCreate(pkiDir, TestPki.builder().clock(CardFixtures.CLOCK));
        TestPki reused = TestPki.loadOrCreate(pkiDir, TestPki.builder().clock(CardFixtures.CLOCK));

        assertThat(reused.certificate(CaName.RACINE)).isEqualTo(created.certificate(CaName.RACINE));
        assertThat(Files.list(pkiDir).map(path -> path.getFileName().toString())).containsExactlyInAnyOrder(
                "pki.properties", "racine.pem", "racine.key", "personnes.pem", "personnes.key",
                "organisations.pem", "organisations.key");
    }

    @Test
    void writePkcs12WithoutPasswordGeneratesOneAndTheFileLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("card.p12");
        String password = TestPki.writePkcs12(fixtures.cps, null, file);

        assertThat(password).hasSize(20);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        String alias = store.aliases().nextElement();
        assertThat(store.getCertificateChain(alias)).containsExactlyElementsOf(fixtures.cps.chain());
        assertThat(store.getKey(alias, password.toCharArray())).isEqualTo(fixtures.cps.privateKey());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    @Tag("RFC8018-6.2")
    void writePkcs12UsesPbes2Aes256AndSha256Mac(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("card.p12");
        TestPki.writePkcs12(fixtures.cps, "secret", file);

        PKCS12PfxPdu pfx = new PKCS12PfxPdu(Files.readAllBytes(file));
        assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        boolean keyBagSeen = false;
        for (var info : pfx.getContentInfos()) {
            if (info.getContentType().equals(PKCSObjectIdentifiers.encryptedData)) {
                assertPbes2Aes256(EncryptedData.getInstance(info.getContent()).getEncryptionAlgorithm());
            } else {
                for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
                    if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
                        keyBagSeen = true;
                        assertPbes2Aes256(((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).getEncryptionAlgorithm());
                    }
                }
            }
        }
        assertThat(keyBagSeen).isTrue();
    }

    private static void assertPbes2Aes256(AlgorithmIdentifier algorithm) {
        assertThat(algorithm.getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
        EncryptionScheme scheme = PBES2Parameters.getInstance(algorithm.getParameters()).getEncryptionScheme();
        assertThat(scheme.getAlgorithm()).isEqualTo(NISTObjectIdentifiers.id_aes256_CBC);
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    /** The SAN otherName UPN, read as RFC 5280 4.2.1.6 lays it out: {@code OtherName ::= SEQUENCE {type-id, [0] EXPLICIT value}}. */
    private static String upn(X509Certificate card) throws Exception {
        GeneralNames names = GeneralNames.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(card.getExtensionValue("2.5.29.17")));
        OtherName otherName = OtherName.getInstance(names.getNames()[0].getName());
        assertThat(otherName.getTypeID().getId()).isEqualTo("1.3.6.1.4.1.311.20.2.3");
        return ((ASN1String) otherName.getValue()).getString();
    }

    private static List<String> distributionPoints(X509Certificate certificate) throws Exception {
        CRLDistPoint points = CRLDistPoint.getInstance(
                JcaX509ExtensionUtils.parseExtensionValue(certificate.getExtensionValue("2.5.29.31")));
        return Arrays.stream(points.getDistributionPoints())
                .flatMap(point -> Arrays.stream(GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()))
                .map(name -> name.getName().toString())
                .toList();
    }
}
