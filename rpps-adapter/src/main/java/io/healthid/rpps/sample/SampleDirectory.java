package io.healthid.rpps.sample;

import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.importer.ImportSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A small directory (PSC extraction layout, 50 columns, with correspondence e-mail and mobile) for the embedded demo
 * and tests. All identifiers are synthetic with correct check digits.
 */
public final class SampleDirectory {

    public static final String RESOURCE = "io/healthid/rpps/sample/sample-directory.txt";

    /** Doctor (10C, liberal) and pharmacist (21C, salaried): two professions. */
    public static final String TWO_PROFESSIONS = "819990000010";
    /** Physiotherapist on three sites. */
    public static final String SEVERAL_SITES = "819990000028";
    /** Interne in medicine (10E, role FON-48): an eligible student. */
    public static final String INTERNE = "819990000036";
    /** Psychologist known only by ADELI: e-CPS activation with a card only. */
    public static final String ADELI_ONLY = "0759300015";
    /** Nurse whose correspondence e-mail is an MSSanté address: activation by correspondence refused. */
    public static final String MSSANTE_EMAIL = "819990000051";
    /** Nursing student (60E): not eligible (students outside the RPPS groups). */
    public static final String STUDENT_NOT_ELIGIBLE = "819990000069";

    private SampleDirectory() {
    }

    public static ImportSource source() {
        return ImportSource.classpath(RESOURCE, SampleDirectory.class.getClassLoader());
    }

    /** Imports the sample (whatever the directory holds). */
    public static ImportResult load(DataSource dataSource) {
        return new DirectoryImporter(dataSource).importFiles(List.of(source()));
    }

    /** Imports the sample only when no directory was ever imported: for an embedded first start. */
    public static Optional<ImportResult> loadIfEmpty(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT generation FROM directory.directory_state WHERE id = 1")) {
            if (rs.next() && rs.getLong(1) > 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the directory state (migrations applied?)", e);
        }
        return Optional.of(load(dataSource));
    }
}
