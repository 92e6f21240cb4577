package io.healthid.rpps.claims;

import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.NationalIdType;
import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.model.SavoirFaire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps a practitioner to PSC's userinfo claims (without {@code sub}, {@code email_verified}, {@code authMode},
 * {@code acr}, which belong to the session). Output maps are ordered like PSC's and every key of
 * {@code SubjectRefPro} is always present, {@code ""} when unknown: integrators index into them blindly.
 */
public final class PscClaimsMapper {

    /** Savoir-faire type preferred for the single {@code codeSavoirFaire} of an exercice: the ordinal specialty. */
    private static final String ORDINAL_SPECIALTY = "S";

    /** All userinfo claims derived from the directory. */
    public Map<String, Object> userInfoClaims(Practitioner practitioner) {
        Optional<Activity> first = practitioner.firstActivity();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(PscClaims.SECTEUR_ACTIVITE,
                first.map(a -> a.sector().code()).filter(s -> !s.isEmpty())
                        .map(s -> s + "^" + PscClaims.SECTOR_OID).orElse(""));
        claims.put(PscClaims.SUBJECT_ORGANIZATION, first.map(Activity::companyName).orElse(""));
        claims.put(PscClaims.MODE_ACCES_RAISON, "");
        claims.put(PscClaims.PREFERRED_USERNAME, practitioner.idNat());
        claims.put(PscClaims.GIVEN_NAME, givenName(practitioner));
        claims.put(PscClaims.ACCES_REGULATION_MEDICALE, PscClaims.ACCES_REGULATION_MEDICALE_VALUE);
        claims.put(PscClaims.UIT_VERSION, PscClaims.UIT_VERSION_VALUE);
        claims.put(PscClaims.PALIER_AUTHENTIFICATION, PscClaims.PALIER_AUTHENTIFICATION_VALUE);
        claims.put(PscClaims.SUBJECT_REF_PRO, subjectRefPro(practitioner));
        claims.put(PscClaims.SUBJECT_ORGANIZATION_ID, first.map(Activity::structureTechnicalId).orElse(""));
        claims.put(PscClaims.SUBJECT_ROLE, subjectRoles(practitioner));
        claims.put(PscClaims.PSI_LOCALE, PscClaims.PSI_LOCALE_VALUE);
        claims.put(PscClaims.SUBJECT_NAME_ID, practitioner.idNat());
        claims.put(PscClaims.FAMILY_NAME, familyName(practitioner));
        claims.put(PscClaims.OTHER_IDS, otherIds(practitioner));
        return claims;
    }

    /** {@code {codeCivilite, exercices:[...]}}: every exercice and every activity, PSC never chooses. */
    public Map<String, Object> subjectRefPro(Practitioner practitioner) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("codeCivilite", practitioner.civility().code());
        List<Object> exercices = new ArrayList<>();
        for (Exercice e : practitioner.exercices()) {
            exercices.add(exercice(e));
        }
        ref.put("exercices", exercices);
        return ref;
    }

    /** One {@code <profession>^<OID>} per profession, in directory order, without duplicates. */
    public List<String> subjectRoles(Practitioner practitioner) {
        Set<String> roles = new LinkedHashSet<>();
        for (Exercice e : practitioner.exercices()) {
            if (!e.profession().isEmpty()) {
                roles.add(e.profession().code() + "^" + PscClaims.PROFESSION_OID);
            }
        }
        return List.copyOf(roles);
    }

    private static Map<String, Object> exercice(Exercice e) {
        Optional<SavoirFaire> sf = e.savoirFaire().stream().filter(s -> s.type().is(ORDINAL_SPECIALTY)).findFirst()
                .or(() -> e.savoirFaire().stream().findFirst());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codeProfession", e.profession().code());
        m.put("codeCategorieProfessionnelle", e.category().code());
        m.put("codeCiviliteDexercice", e.civilityOfPractice().code());
        m.put("nomDexercice", e.practiceFamilyName());
        m.put("prenomDexercice", e.practiceGivenName());
        m.put("codeTypeSavoirFaire", sf.map(s -> s.type().code()).orElse(""));
        m.put("codeSavoirFaire", sf.map(s -> s.value().code()).orElse(""));
        List<Object> activities = new ArrayList<>();
        for (Activity a : e.activities()) {
            activities.add(activity(a));
        }
        m.put("activities", activities);
        return m;
    }

    /** The 30 activity keys of PSC's userinfo. */
    static Map<String, Object> activity(Activity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("codeModeExercice", a.mode().code());
        m.put("codeSecteurDactivite", a.sector().code());
        m.put("codeSectionPharmacien", a.pharmacistSection().code());
        m.put("codeRole", a.role().code());
        m.put("codeGenreActivite", a.genre().code());
        m.put("numeroSiretSite", a.siretSite());
        m.put("numeroSirenSite", a.sirenSite());
        m.put("numeroFinessSite", a.finessSite());
        m.put("numeroFinessetablissementJuridique", a.finessLegalEntity());
        m.put("identifiantTechniqueDeLaStructure", a.structureTechnicalId());
        m.put("raisonSocialeSite", a.companyName());
        m.put("enseigneCommercialeSite", a.tradeName());
        m.put("complementDestinataire", a.address().recipientComplement());
        m.put("complementPointGeographique", a.address().geographicComplement());
        m.put("numeroVoie", a.address().streetNumber());
        m.put("indiceRepetitionVoie", a.address().repetitionIndex());
        m.put("codeTypeDeVoie", a.address().streetType().code());
        m.put("libelleVoie", a.address().streetName());
        m.put("mentionDistribution", a.address().distributionMention());
        m.put("bureauCedex", a.address().cedexOffice());
        m.put("codePostal", a.address().postalCode());
        m.put("codeCommune", a.address().commune().code());
        m.put("codePays", a.address().country().code());
        m.put("telephone", a.phone());
        m.put("telephone2", a.phone2());
        m.put("telecopie", a.fax());
        m.put("adresseEMail", a.email());
        m.put("codeDepartement", a.departement().code());
        m.put("ancienIdentifiantDeLaStructure", a.formerStructureId());
        m.put("autoriteDenregistrement", a.registrationAuthority());
        return m;
    }

    /**
     * PSC fills {@code given_name}/{@code family_name} with the names of practice (seen in its userinfo responses);
     * the civil names of the PSC extraction are used when no exercice carries a name.
     */
    private static String givenName(Practitioner p) {
        return p.exercices().stream().map(Exercice::practiceGivenName).filter(s -> !s.isEmpty()).findFirst()
                .orElse(String.join(" ", p.givenNames()));
    }

    private static String familyName(Practitioner p) {
        return p.exercices().stream().map(Exercice::practiceFamilyName).filter(s -> !s.isEmpty()).findFirst()
                .orElse(p.familyName());
    }

    private static List<Object> otherIds(Practitioner p) {
        String origin = p.nationalId().map(NationalId::type).map(NationalIdType::origin).orElse("");
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("identifiant", p.idNat());
        id.put("origine", origin);
        id.put("qualite", 1);
        return List.of(id);
    }
}
