package io.healthid.rpps.sync;

import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Address;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.model.SavoirFaire;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes practitioners into the live directory tables, in the layout the full import builds (and
 * {@code PostgresPractitionerLookup} reads): one person row, then exercices, savoir-faire and activities keyed by
 * idNat + profession + category, ordered by {@code ord}. The caller has deleted the idNat's exercice rows first.
 */
final class PractitionerRowWriter {

    /**
     * The API carries neither civil names nor correspondence e-mail/mobile (only the PSC extraction does), so an update
     * never blanks a person field with an empty value: it keeps what the last full import wrote. Without this a delta
     * would silently break e-CPS activation by correspondence for every changed practitioner.
     */
    private static final String UPSERT_PERSON = """
            INSERT INTO directory.person AS p (id_nat, civility_code, civility_label, family_name, given_names,
                                               correspondence_email, correspondence_mobile)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id_nat) DO UPDATE SET
                civility_code = CASE WHEN excluded.civility_code <> '' THEN excluded.civility_code
                                     ELSE p.civility_code END,
                civility_label = CASE WHEN excluded.civility_code <> '' THEN excluded.civility_label
                                      ELSE p.civility_label END,
                family_name = COALESCE(NULLIF(excluded.family_name, ''), p.family_name),
                given_names = COALESCE(NULLIF(excluded.given_names, ''), p.given_names),
                correspondence_email = COALESCE(NULLIF(excluded.correspondence_email, ''), p.correspondence_email),
                correspondence_mobile = COALESCE(NULLIF(excluded.correspondence_mobile, ''), p.correspondence_mobile)""";
    private static final String INSERT_EXERCICE = """
            INSERT INTO directory.exercice (id_nat, ord, profession_code, profession_label, category_code,
                   category_label, practice_civility_code, practice_civility_label, practice_family_name,
                   practice_given_name)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_SAVOIR_FAIRE = """
            INSERT INTO directory.savoir_faire (id_nat, profession_code, category_code, ord, type_code, type_label,
                   code, label)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String INSERT_ACTIVITY = """
            INSERT INTO directory.activity (id_nat, profession_code, category_code, ord, mode_code, mode_label,
                   sector_code, sector_label, pharmacist_section_code, pharmacist_section_label, role_code, role_label,
                   genre_code, genre_label, siret_site, siren_site, finess_site, finess_legal_entity,
                   structure_technical_id, company_name, trade_name, recipient_complement, geographic_complement,
                   street_number, repetition_index, street_type_code, street_type_label, street_name,
                   distribution_mention, cedex_office, postal_code, commune_code, commune_label, country_code,
                   country_label, phone, phone2, fax, email, departement_code, departement_label, former_structure_id,
                   registration_authority)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Rows written. */
    record Counts(long exercices, long activities) {
    }

    Counts write(Connection connection, List<Practitioner> practitioners) throws SQLException {
        long exercices = 0;
        long activities = 0;
        try (PreparedStatement person = connection.prepareStatement(UPSERT_PERSON);
                PreparedStatement exercice = connection.prepareStatement(INSERT_EXERCICE);
                PreparedStatement savoirFaire = connection.prepareStatement(INSERT_SAVOIR_FAIRE);
                PreparedStatement activity = connection.prepareStatement(INSERT_ACTIVITY)) {
            for (Practitioner p : practitioners) {
                addPerson(person, p);
                // ord only orders rows of one idNat (the lookup sorts by it), so the position in the lists is enough
                int exerciceOrd = 0;
                int savoirFaireOrd = 0;
                int activityOrd = 0;
                for (Exercice e : p.exercices()) {
                    addExercice(exercice, p.idNat(), exerciceOrd++, e);
                    exercices++;
                    for (SavoirFaire s : e.savoirFaire()) {
                        addSavoirFaire(savoirFaire, p.idNat(), e, savoirFaireOrd++, s);
                    }
                    for (Activity a : e.activities()) {
                        addActivity(activity, p.idNat(), e, activityOrd++, a);
                        activities++;
                    }
                }
            }
            person.executeBatch();
            exercice.executeBatch();
            savoirFaire.executeBatch();
            activity.executeBatch();
        }
        return new Counts(exercices, activities);
    }

    private static void addPerson(PreparedStatement ps, Practitioner p) throws SQLException {
        set(ps, p.idNat(), p.civility().code(), p.civility().label(), p.familyName(),
                // stored as the PSC extraction writes them, which is how the lookup splits them
                String.join("'", p.givenNames()), p.correspondenceEmail(), p.correspondenceMobile());
        ps.addBatch();
    }

    private static void addExercice(PreparedStatement ps, String idNat, long ord, Exercice e) throws SQLException {
        set(ps, idNat, ord, e.profession().code(), e.profession().label(), e.category().code(), e.category().label(),
                e.civilityOfPractice().code(), e.civilityOfPractice().label(), e.practiceFamilyName(),
                e.practiceGivenName());
        ps.addBatch();
    }

    private static void addSavoirFaire(PreparedStatement ps, String idNat, Exercice e, long ord, SavoirFaire s)
            throws SQLException {
        set(ps, idNat, e.profession().code(), e.category().code(), ord, s.type().code(), s.type().label(),
                s.value().code(), s.value().label());
        ps.addBatch();
    }

    private static void addActivity(PreparedStatement ps, String idNat, Exercice e, long ord, Activity a)
            throws SQLException {
        Address ad = a.address();
        set(ps, idNat, e.profession().code(), e.category().code(), ord, a.mode().code(), a.mode().label(),
                a.sector().code(), a.sector().label(), a.pharmacistSection().code(), a.pharmacistSection().label(),
                a.role().code(), a.role().label(), a.genre().code(), a.genre().label(), a.siretSite(), a.sirenSite(),
                a.finessSite(), a.finessLegalEntity(), a.structureTechnicalId(), a.companyName(), a.tradeName(),
                ad.recipientComplement(), ad.geographicComplement(), ad.streetNumber(), ad.repetitionIndex(),
                ad.streetType().code(), ad.streetType().label(), ad.streetName(), ad.distributionMention(),
                ad.cedexOffice(), ad.postalCode(), ad.commune().code(), ad.commune().label(), ad.country().code(),
                ad.country().label(), a.phone(), a.phone2(), a.fax(), a.email(), a.departement().code(),
                a.departement().label(), a.formerStructureId(), a.registrationAuthority());
        ps.addBatch();
    }

    private static void set(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
