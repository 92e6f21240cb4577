package io.healthid.rpps.idnat;

/** The leading type digit of a national person identifier (idNat_PS). */
public enum NationalIdType {
    /** {@code 8} + 11-digit RPPS number (last digit is a Luhn check digit). */
    RPPS('8', "RPPS"),
    /** {@code 0} + 9-character ADELI number (closed register, still found in history). */
    ADELI('0', "ADELI"),
    /** {@code 3} + FINESS-based structure staff id ({@code 3<FINESS>/<internal id>}). */
    FINESS_STRUCTURE('3', "FINESS"),
    /** {@code 5} + SIRET-based structure staff id ({@code 5<SIRET>/<internal id>}). */
    SIRET_STRUCTURE('5', "SIRET");

    private final char prefix;
    private final String origin;

    NationalIdType(char prefix, String origin) {
        this.prefix = prefix;
        this.origin = origin;
    }

    public char prefix() {
        return prefix;
    }

    /** The {@code origine} used in PSC's {@code otherIds} claim. */
    public String origin() {
        return origin;
    }

    public boolean isPerson() {
        return this == RPPS || this == ADELI;
    }
}
