package io.healthid.rpps.importer;

import java.util.List;

/**
 * A field of the directory files, named as in the staging tables, with the header names ANS has used for it.
 * Files are mapped by header name, never by position: ANS appends columns over time.
 */
enum Column {
    ID_NAT("id_nat", false, "Identification nationale PP"),
    CIVILITY_CODE("civility_code", false, "Code civilité"),
    CIVILITY_LABEL("civility_label", false, "Libellé civilité"),
    FAMILY_NAME("family_name", false, "Nom de famille"),
    GIVEN_NAMES("given_names", false, "Prénoms"),
    CORRESPONDENCE_EMAIL("correspondence_email", false, "Adresse e-mail (coord. correspondance)"),
    CORRESPONDENCE_MOBILE("correspondence_mobile", false, "Téléphone (coord. correspondance)"),
    PROFESSION_CODE("profession_code", false, "Code profession"),
    PROFESSION_LABEL("profession_label", false, "Libellé profession"),
    CATEGORY_CODE("category_code", false, "Code catégorie professionnelle"),
    CATEGORY_LABEL("category_label", false, "Libellé catégorie professionnelle"),
    PRACTICE_CIVILITY_CODE("practice_civility_code", false, "Code civilité d'exercice"),
    PRACTICE_CIVILITY_LABEL("practice_civility_label", false, "Libellé civilité d'exercice"),
    PRACTICE_FAMILY_NAME("practice_family_name", false, "Nom d'exercice"),
    PRACTICE_GIVEN_NAME("practice_given_name", false, "Prénom d'exercice"),
    SAVOIR_FAIRE_TYPE_CODE("savoir_faire_type_code", false, "Code type savoir-faire"),
    SAVOIR_FAIRE_TYPE_LABEL("savoir_faire_type_label", false, "Libellé type savoir-faire"),
    SAVOIR_FAIRE_CODE("savoir_faire_code", false, "Code savoir-faire"),
    SAVOIR_FAIRE_LABEL("savoir_faire_label", false, "Libellé savoir-faire"),
    MODE_CODE("mode_code", true, "Code mode exercice"),
    MODE_LABEL("mode_label", true, "Libellé mode exercice"),
    SECTOR_CODE("sector_code", true, "Code secteur d'activité"),
    SECTOR_LABEL("sector_label", true, "Libellé secteur d'activité"),
    PHARMACIST_SECTION_CODE("pharmacist_section_code", true, "Code section tableau pharmaciens"),
    PHARMACIST_SECTION_LABEL("pharmacist_section_label", true, "Libellé section tableau pharmaciens"),
    ROLE_CODE("role_code", true, "Code rôle"),
    ROLE_LABEL("role_label", true, "Libellé rôle"),
    GENRE_CODE("genre_code", true, "Code genre activité", "Code genre d'activité"),
    GENRE_LABEL("genre_label", true, "Libellé genre activité", "Libellé genre d'activité"),
    SIRET_SITE("siret_site", true, "Numéro SIRET site"),
    SIREN_SITE("siren_site", true, "Numéro SIREN site"),
    FINESS_SITE("finess_site", true, "Numéro FINESS site"),
    FINESS_LEGAL_ENTITY("finess_legal_entity", true, "Numéro FINESS établissement juridique"),
    STRUCTURE_TECHNICAL_ID("structure_technical_id", true, "Identifiant technique de la structure"),
    COMPANY_NAME("company_name", true, "Raison sociale site"),
    TRADE_NAME("trade_name", true, "Enseigne commerciale site"),
    RECIPIENT_COMPLEMENT("recipient_complement", true, "Complément destinataire (coord. structure)"),
    GEOGRAPHIC_COMPLEMENT("geographic_complement", true, "Complément point géographique (coord. structure)"),
    STREET_NUMBER("street_number", true, "Numéro Voie (coord. structure)"),
    REPETITION_INDEX("repetition_index", true, "Indice répétition voie (coord. structure)"),
    STREET_TYPE_CODE("street_type_code", true, "Code type de voie (coord. structure)"),
    STREET_TYPE_LABEL("street_type_label", true, "Libellé type de voie (coord. structure)"),
    STREET_NAME("street_name", true, "Libellé Voie (coord. structure)"),
    DISTRIBUTION_MENTION("distribution_mention", true, "Mention distribution (coord. structure)"),
    CEDEX_OFFICE("cedex_office", true, "Bureau cedex (coord. structure)"),
    POSTAL_CODE("postal_code", true, "Code postal (coord. structure)"),
    COMMUNE_CODE("commune_code", true, "Code commune (coord. structure)"),
    COMMUNE_LABEL("commune_label", true, "Libellé commune (coord. structure)"),
    COUNTRY_CODE("country_code", true, "Code pays (coord. structure)"),
    COUNTRY_LABEL("country_label", true, "Libellé pays (coord. structure)"),
    PHONE("phone", true, "Téléphone (coord. structure)"),
    PHONE2("phone2", true, "Téléphone 2 (coord. structure)"),
    FAX("fax", true, "Télécopie (coord. structure)"),
    EMAIL("email", true, "Adresse e-mail (coord. structure)"),
    DEPARTEMENT_CODE("departement_code", true, "Code Département (structure)", "Code département (coord. structure)"),
    DEPARTEMENT_LABEL("departement_label", true, "Libellé Département (structure)",
            "Libellé département (coord. structure)"),
    FORMER_STRUCTURE_ID("former_structure_id", true, "Ancien identifiant de la structure"),
    // Present even on rows with no site ("ARS//"), so it does not make an activity on its own (see activityDefining)
    REGISTRATION_AUTHORITY("registration_authority", true, "Autorité d'enregistrement");

    private final String sqlName;
    private final boolean activityField;
    private final List<String> headers;

    Column(String sqlName, boolean activityField, String... headers) {
        this.sqlName = sqlName;
        this.activityField = activityField;
        this.headers = List.of(headers);
    }

    String sqlName() {
        return sqlName;
    }

    /** Part of the situation d'exercice (hashed to remove duplicate activities). */
    boolean activityField() {
        return activityField;
    }

    /** A non-empty value in this field means the row describes an activity. */
    boolean activityDefining() {
        return activityField && this != REGISTRATION_AUTHORITY;
    }

    List<String> headers() {
        return headers;
    }
}
