package io.healthid.idp.testcards;

import io.healthid.idp.authn.card.CardType;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.TestPki;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.idp.pki.CaName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

/**
 * Issues a card of the embedded test PKI for a practitioner of the directory, as a PKCS#12 file a browser imports: a
 * CPF for a student's first exercice, a CPS otherwise, named as the directory names the person at work.
 */
public class TestCardIssuer {

    private final EmbeddedPki pki;
    private final String password;

    public TestCardIssuer(EmbeddedPki pki, String password) {
        this.pki = pki;
        this.password = password;
    }

    public String password() {
        return this.password;
    }

    /** Blocking: generates an RSA key and writes a temporary file. */
    public byte[] pkcs12For(Practitioner practitioner) {
        Exercice first = practitioner.exercices().isEmpty() ? null : practitioner.exercices().get(0);
        CardType type = first != null && first.isStudent() ? CardType.CPF : CardType.CPS;
        String surname = first != null && !first.practiceFamilyName().isEmpty() ? first.practiceFamilyName()
                : orDefault(practitioner.familyName(), "INCONNU");
        String givenName = first != null && !first.practiceGivenName().isEmpty() ? first.practiceGivenName()
                : practitioner.givenNames().isEmpty() ? "INCONNU" : practitioner.givenNames().get(0);
        String title = first == null ? "Professionnel de sante" : orDefault(first.profession().label(),
                "Profession " + first.profession().code());
        IssuedCard card = this.pki.current().issueCard(
                CardRequest.nominative(type, practitioner.idNat(), surname, givenName, title).build());
        try {
            Path file = Files.createTempFile("test-card", ".p12");
            try {
                TestPki.writePkcs12(card, this.password, file);
                return Files.readAllBytes(file);
            }
            finally {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The test card cannot be written", ex);
        }
    }

    /** The root the card listener's server certificate and every card chain to, for a browser to trust. */
    public String rootPem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(this.pki.current().certificate(CaName.RACINE).getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
        catch (CertificateEncodingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
