package io.healthid.rpps.claims;

/** Claim names and constant values of the PSC userinfo (names are case-sensitive, PSC's mixed conventions kept). */
public final class PscClaims {

    public static final String SECTEUR_ACTIVITE = "Secteur_Activite";
    public static final String SUBJECT_ORGANIZATION = "SubjectOrganization";
    public static final String MODE_ACCES_RAISON = "Mode_Acces_Raison";
    public static final String PREFERRED_USERNAME = "preferred_username";
    public static final String GIVEN_NAME = "given_name";
    public static final String ACCES_REGULATION_MEDICALE = "Acces_Regulation_Medicale";
    public static final String UIT_VERSION = "UITVersion";
    public static final String PALIER_AUTHENTIFICATION = "Palier_Authentification";
    public static final String SUBJECT_REF_PRO = "SubjectRefPro";
    public static final String SUBJECT_ORGANIZATION_ID = "SubjectOrganizationID";
    public static final String SUBJECT_ROLE = "SubjectRole";
    public static final String PSI_LOCALE = "PSI_Locale";
    public static final String SUBJECT_NAME_ID = "SubjectNameID";
    public static final String FAMILY_NAME = "family_name";
    public static final String OTHER_IDS = "otherIds";

    /** OID of the profession nomenclature used in {@code SubjectRole}. */
    public static final String PROFESSION_OID = "1.2.250.1.213.1.1.5.5";
    /** OID of TRE_R02 (secteur d'activité) used in {@code Secteur_Activite}. */
    public static final String SECTOR_OID = "1.2.250.1.71.4.2.4";
    public static final String PSI_LOCALE_VALUE = "1.2.250.1.213.1.3.1.1";
    public static final String PALIER_AUTHENTIFICATION_VALUE = "APPPRIP3^1.2.250.1.213.1.5.1.1.1";
    public static final String UIT_VERSION_VALUE = "1.0";
    public static final String ACCES_REGULATION_MEDICALE_VALUE = "FAUX";

    private PscClaims() {
    }
}
