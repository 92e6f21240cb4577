package io.healthid.idp.pki;

/**
 * The three authorities of the test hierarchy, shaped like IGC-Santé's: one root, one CA for persons (every card,
 * including structure staff cards) and one for organisations (relying parties' {@code tls_client_auth} certificates).
 */
public enum CaName {

    RACINE("racine", "AC RACINE IGC-SANTE %s"),
    PERSONNES("personnes", "AC IGC-SANTE %s PERSONNES"),
    ORGANISATIONS("organisations", "AC IGC-SANTE %s ORGANISATIONS");

    /** The gamme our test CAs stand for; real cards belong to the FORT gamme, which changes nothing we check. */
    static final String GAMME = "ELEMENTAIRE";

    private final String fileStem;
    private final String commonNamePattern;

    CaName(String fileStem, String commonNamePattern) {
        this.fileStem = fileStem;
        this.commonNamePattern = commonNamePattern;
    }

    /** The name of this CA's files in a PKI directory and of its CRL under {@code {baseUrl}/pki/crl/}. */
    public String fileStem() {
        return this.fileStem;
    }

    /** {@code TEST AC IGC-SANTE ELEMENTAIRE PERSONNES} for the environment {@code TEST}, as the real test hierarchy. */
    String commonName(String environment) {
        return environment + " " + String.format(this.commonNamePattern, GAMME);
    }
}
