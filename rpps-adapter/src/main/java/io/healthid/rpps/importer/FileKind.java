package io.healthid.rpps.importer;

import java.util.List;

/** The directory files we know, recognised from their header. */
public enum FileKind {
    /** Public {@code PS_LibreAcces_Personne_activite}: 52 columns (2021), 56 (current), maybe more later. */
    PUBLIC_PERSONNE_ACTIVITE(List.of(
            "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Code civilité d'exercice",
            "Libellé civilité d'exercice", "Code civilité", "Libellé civilité", "Nom d'exercice", "Prénom d'exercice",
            "Code profession", "Libellé profession", "Code catégorie professionnelle",
            "Libellé catégorie professionnelle", "Code type savoir-faire", "Libellé type savoir-faire",
            "Code savoir-faire", "Libellé savoir-faire", "Code mode exercice", "Libellé mode exercice",
            "Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site", "Numéro FINESS établissement juridique",
            "Identifiant technique de la structure", "Raison sociale site", "Enseigne commerciale site",
            "Complément destinataire (coord. structure)", "Complément point géographique (coord. structure)",
            "Numéro Voie (coord. structure)", "Indice répétition voie (coord. structure)",
            "Code type de voie (coord. structure)", "Libellé type de voie (coord. structure)",
            "Libellé Voie (coord. structure)", "Mention distribution (coord. structure)",
            "Bureau cedex (coord. structure)", "Code postal (coord. structure)", "Code commune (coord. structure)",
            "Libellé commune (coord. structure)", "Code pays (coord. structure)", "Libellé pays (coord. structure)",
            "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)",
            "Adresse e-mail (coord. structure)", "Code Département (structure)", "Libellé Département (structure)",
            "Ancien identifiant de la structure", "Autorité d'enregistrement", "Code secteur d'activité",
            "Libellé secteur d'activité", "Code section tableau pharmaciens", "Libellé section tableau pharmaciens")),

    /** Restricted {@code Extraction_ProSanteConnect_Personne_activite}: 49 or 50 columns, with correspondence data. */
    PSC_EXTRACTION(List.of(
            "Type d'identifiant PP", "Identifiant PP", "Identification nationale PP", "Nom de famille", "Prénoms",
            "Date de naissance", "Code commune de naissance", "Code pays de naissance", "Lieu de naissance",
            "Code sexe", "Téléphone (coord. correspondance)", "Adresse e-mail (coord. correspondance)",
            "Code civilité", "Code profession", "Code catégorie professionnelle", "Code civilité d'exercice",
            "Nom d'exercice", "Prénom d'exercice", "Code type savoir-faire", "Code savoir-faire",
            "Code mode exercice", "Code secteur d'activité", "Code section tableau pharmaciens", "Code rôle",
            "Numéro SIRET site", "Numéro SIREN site", "Numéro FINESS site", "Numéro FINESS établissement juridique",
            "Identifiant technique de la structure", "Raison sociale site", "Enseigne commerciale site",
            "Complément destinataire (coord. structure)", "Complément point géographique (coord. structure)",
            "Numéro Voie (coord. structure)", "Indice répétition voie (coord. structure)",
            "Code type de voie (coord. structure)", "Libellé Voie (coord. structure)",
            "Mention distribution (coord. structure)", "Bureau cedex (coord. structure)",
            "Code postal (coord. structure)", "Code commune (coord. structure)", "Code pays (coord. structure)",
            "Téléphone (coord. structure)", "Téléphone 2 (coord. structure)", "Télécopie (coord. structure)",
            "Adresse e-mail (coord. structure)", "Code département (coord. structure)",
            "Ancien identifiant de la structure", "Autorité d'enregistrement")),

    /** Public {@code PS_LibreAcces_SavoirFaire}: the full savoir-faire list of each exercice. */
    SAVOIR_FAIRE(List.of(
            "Identification nationale PP", "Code profession", "Code catégorie professionnelle",
            "Code type savoir-faire", "Code savoir-faire"));

    private final List<String> requiredHeaders;

    FileKind(List<String> requiredHeaders) {
        this.requiredHeaders = requiredHeaders;
    }

    /** Headers that must all be present (in any order, among possibly more). */
    public List<String> requiredHeaders() {
        return requiredHeaders;
    }

    /** True for the files that carry persons, exercices and activities (as opposed to the savoir-faire list). */
    public boolean isPersonActivity() {
        return this != SAVOIR_FAIRE;
    }
}
