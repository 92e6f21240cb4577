package io.healthid.rpps.model;

/**
 * One situation d'exercice: one site and one way of practising for an exercice. Raw codes and labels are kept;
 * unknown values are {@code ""}/{@link Code#EMPTY}, never null.
 */
public record Activity(
        Code mode,
        Code sector,
        Code pharmacistSection,
        Code role,
        Code genre,
        String siretSite,
        String sirenSite,
        String finessSite,
        String finessLegalEntity,
        String structureTechnicalId,
        String companyName,
        String tradeName,
        Address address,
        String phone,
        String phone2,
        String fax,
        String email,
        Code departement,
        String formerStructureId,
        String registrationAuthority) {

    public Activity {
        mode = c(mode);
        sector = c(sector);
        pharmacistSection = c(pharmacistSection);
        role = c(role);
        genre = c(genre);
        siretSite = s(siretSite);
        sirenSite = s(sirenSite);
        finessSite = s(finessSite);
        finessLegalEntity = s(finessLegalEntity);
        structureTechnicalId = s(structureTechnicalId);
        companyName = s(companyName);
        tradeName = s(tradeName);
        address = address == null ? Address.EMPTY : address;
        phone = s(phone);
        phone2 = s(phone2);
        fax = s(fax);
        email = s(email);
        departement = c(departement);
        formerStructureId = s(formerStructureId);
        registrationAuthority = s(registrationAuthority);
    }

    private static Code c(Code code) {
        return code == null ? Code.EMPTY : code;
    }

    private static String s(String v) {
        return v == null ? "" : v;
    }
}
