package io.healthid.idp.testcards;

import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Issues a card of the embedded test PKI for a practitioner of the directory, as a PKCS#12 file a browser imports: a
 * CPF when the first exercice is a student's, a CPS otherwise, named as the directory names the person at work.
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

    /**
     * Blocking: generates an RSA key and writes a temporary file.
     *
     * @param nationalId the person's idNat
     * @param claims the person's PSC claims from the directory (names, {@code SubjectRefPro})
     */
    public byte[] pkcs12For(String nationalId, Map<String, Object> claims) {
        Map<?, ?> first = firstExercice(claims);
        CardType type = "E".equals(text(first, "codeCategorieProfessionnelle")) ? CardType.CPF : CardType.CPS;
        String surname = orDefault(text(first, "nomDexercice"), orDefault(text(claims, "family_name"), "INCONNU"));
        String givenName = orDefault(text(first, "prenomDexercice"), orDefault(text(claims, "given_name"), "INCONNU"));
        String title = "Profession " + orDefault(text(first, "codeProfession"), "inconnue");
        IssuedCard card = this.pki.current().issueCard(
                CardRequest.nominative(type, nationalId, surname, givenName, title).build());
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

    private static Map<?, ?> firstExercice(Map<String, Object> claims) {
        if (claims.get("SubjectRefPro") instanceof Map<?, ?> ref && ref.get("exercices") instanceof List<?> exercices
                && !exercices.isEmpty() && exercices.get(0) instanceof Map<?, ?> first) {
            return first;
        }
        return Map.of();
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : value.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }
}
