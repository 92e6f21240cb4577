package io.healthid.rpps.importer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the staged rows into the next directory tables ({@code *_next}), as ANS does: persons by idNat, exercices by
 * idNat + profession + category, activities by exercice and identical activity fields (their 64-bit hash), savoir-faire by exercice and
 * code. Order in the file is kept through line numbers ({@code ord}), whatever order the rows came in.
 */
final class DirectoryBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryBuilder.class);

    static final String[] TABLES = {"person", "exercice", "savoir_faire", "activity"};

    private static final String ACTIVITY_COLUMNS = """
            mode_code, mode_label, sector_code, sector_label, pharmacist_section_code, pharmacist_section_label,
            role_code, role_label, genre_code, genre_label, siret_site, siren_site, finess_site, finess_legal_entity,
            structure_technical_id, company_name, trade_name, recipient_complement, geographic_complement,
            street_number, repetition_index, street_type_code, street_type_label, street_name, distribution_mention,
            cedex_office, postal_code, commune_code, commune_label, country_code, country_label, phone, phone2, fax,
            email, departement_code, departement_label, former_structure_id, registration_authority""";

    /** Counts of the built tables. */
    record Counts(long persons, long exercices, long activities, long savoirFaire) {
    }

    private final String workMem;

    DirectoryBuilder(String workMem) {
        this.workMem = workMem;
    }

    static void dropNextTables(Statement st) throws SQLException {
        for (String t : TABLES) {
            st.execute("DROP TABLE IF EXISTS directory." + t + "_next");
        }
    }

    Counts build(Connection connection, long generation) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET work_mem = '" + workMem + "'");
            dropNextTables(st);
            for (String t : TABLES) {
                st.execute("CREATE TABLE directory." + t + "_next (LIKE directory." + t + ")");
            }
            // each table keeps the first line of its key (min(line_no)): a narrow hash aggregate on the keys, then a
            // hash join back to the staging rows; much cheaper than sorting 2 million wide rows with DISTINCT ON
            timed(st, "persons", """
                    INSERT INTO directory.person_next (id_nat, civility_code, civility_label, family_name, given_names,
                                                       correspondence_email, correspondence_mobile)
                    SELECT s.id_nat, s.civility_code, s.civility_label, s.family_name, s.given_names,
                           s.correspondence_email, s.correspondence_mobile
                      FROM directory.stage_activity s
                      JOIN (SELECT min(line_no) AS line_no FROM directory.stage_activity GROUP BY id_nat) f
                        ON f.line_no = s.line_no""");
            timed(st, "exercices", """
                    INSERT INTO directory.exercice_next (id_nat, ord, profession_code, profession_label, category_code,
                           category_label, practice_civility_code, practice_civility_label, practice_family_name,
                           practice_given_name)
                    SELECT s.id_nat, s.line_no, s.profession_code, s.profession_label, s.category_code,
                           s.category_label, s.practice_civility_code, s.practice_civility_label,
                           s.practice_family_name, s.practice_given_name
                      FROM directory.stage_activity s
                      JOIN (SELECT min(line_no) AS line_no FROM directory.stage_activity
                             GROUP BY id_nat, profession_code, category_code) f
                        ON f.line_no = s.line_no""");
            timed(st, "activities", "INSERT INTO directory.activity_next (id_nat, profession_code, category_code,"
                    + " ord, " + ACTIVITY_COLUMNS + ") SELECT id_nat, profession_code, category_code, line_no, "
                    + ACTIVITY_COLUMNS + " FROM directory.stage_activity s"
                    + " JOIN (SELECT min(line_no) AS line_no FROM directory.stage_activity WHERE has_activity"
                    + " GROUP BY id_nat, profession_code, category_code, activity_hash) f USING (line_no)");
            // savoir-faire of the activity file come first (their line order), then those only in the SavoirFaire
            // file; labels are taken from whichever file has them (the PSC extraction has codes only)
            timed(st, "savoir-faire", """
                    INSERT INTO directory.savoir_faire_next (id_nat, profession_code, category_code, ord, type_code,
                           type_label, code, label)
                    SELECT u.id_nat, u.profession_code, u.category_code, min(u.ord), u.type_code, max(u.type_label),
                           u.code, max(u.label)
                      FROM (SELECT id_nat, profession_code, category_code, line_no AS ord,
                                   savoir_faire_type_code AS type_code, savoir_faire_type_label AS type_label,
                                   savoir_faire_code AS code, savoir_faire_label AS label
                              FROM directory.stage_activity WHERE savoir_faire_code <> ''
                            UNION ALL
                            SELECT id_nat, profession_code, category_code, 10000000000 + line_no, type_code,
                                   type_label, code, label
                              FROM directory.stage_savoir_faire WHERE code <> '') u
                     WHERE EXISTS (SELECT 1 FROM directory.exercice_next e
                                    WHERE e.id_nat = u.id_nat AND e.profession_code = u.profession_code
                                      AND e.category_code = u.category_code)
                     GROUP BY u.id_nat, u.profession_code, u.category_code, u.type_code, u.code""");
            timed(st, "person index", "ALTER TABLE directory.person_next ADD CONSTRAINT person_g" + generation
                    + "_pk PRIMARY KEY (id_nat)");
            for (String t : new String[] {"exercice", "savoir_faire", "activity"}) {
                timed(st, t + " index", "CREATE INDEX " + t + "_g" + generation + "_id_nat ON directory." + t
                        + "_next (id_nat, ord)");
            }
            for (String t : TABLES) {
                timed(st, "analyze " + t, "ANALYZE directory." + t + "_next");
            }
            return new Counts(count(st, "person_next"), count(st, "exercice_next"), count(st, "activity_next"),
                    count(st, "savoir_faire_next"));
        }
    }

    private static void timed(Statement st, String step, String sql) throws SQLException {
        long start = System.nanoTime();
        st.execute(sql);
        LOG.debug("directory build: {} in {} ms", step, (System.nanoTime() - start) / 1_000_000);
    }

    private static long count(Statement st, String table) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM directory." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
