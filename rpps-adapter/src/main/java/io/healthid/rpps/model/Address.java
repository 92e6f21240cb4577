package io.healthid.rpps.model;

/** Postal address of a practice site, field by field as the directory publishes it ({@code ""} when unknown). */
public record Address(
        String recipientComplement,
        String geographicComplement,
        String streetNumber,
        String repetitionIndex,
        Code streetType,
        String streetName,
        String distributionMention,
        String cedexOffice,
        String postalCode,
        Code commune,
        Code country) {

    public static final Address EMPTY = new Address("", "", "", "", Code.EMPTY, "", "", "", "", Code.EMPTY, Code.EMPTY);

    public Address {
        recipientComplement = nz(recipientComplement);
        geographicComplement = nz(geographicComplement);
        streetNumber = nz(streetNumber);
        repetitionIndex = nz(repetitionIndex);
        streetType = streetType == null ? Code.EMPTY : streetType;
        streetName = nz(streetName);
        distributionMention = nz(distributionMention);
        cedexOffice = nz(cedexOffice);
        postalCode = nz(postalCode);
        commune = commune == null ? Code.EMPTY : commune;
        country = country == null ? Code.EMPTY : country;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
