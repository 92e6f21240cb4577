package io.healthid.rpps.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryImporterTest {

    private static final String PUBLIC_56 = "rpps/public_56_scattered.txt";
    private static final String PUBLIC_52 = "rpps/ps_libreacces_personne_activite_2021_excerpt.txt";
    private static final String PSC_49 = "rpps/psc_extraction_personne_activite_test_202112120512.txt";
    private static final String SAVOIR_FAIRE = "rpps/ps_libreacces_savoirfaire_sample.txt";

    private TestPostgres.Database db;
    private DirectoryImporter importer;
    private PostgresPractitionerLookup lookup;

    @BeforeEach
    void freshDirectory() {
        db = TestPostgres.freshDatabase("importer");
        importer = new DirectoryImporter(db.dataSource());
        lookup = new PostgresPractitionerLookup(db.connectionFactory());
    }

    private Practitioner find(String idNat) {
        return lookup.findByNationalId(idNat).block();
    }

    @Test
    void importWhenCurrentPublicLayoutThenGroupsScatteredRowsByPersonAndExercice() {
        ImportResult result = importer.importFiles(List.of(Resources.source(PUBLIC_56)));

        assertThat(result.changed()).isTrue();
        assertThat(result.generation()).isEqualTo(1);
        assertThat(result.sources().get(0).kind()).isEqualTo(FileKind.PUBLIC_PERSONNE_ACTIVITE);
        assertThat(result.sources().get(0).columns()).isEqualTo(56);
        assertThat(result.persons()).isEqualTo(4);
        // P1 10C + 21C, P2 10E, P3 70C, P4 40C
        assertThat(result.exercices()).isEqualTo(5);
        // P1: cabinet + hospital + pharmacy, P2: CHU, P4: one cabinet repeated on two savoir-faire rows
        assertThat(result.activities()).isEqualTo(5);

        Practitioner p1 = find("810000000017");
        assertThat(p1.civility().code()).isEqualTo("MME");
        assertThat(p1.exercices()).extracting(Exercice::key).containsExactly("10C", "21C");
        Exercice doctor = p1.exercices().get(0);
        assertThat(doctor.profession().label()).isEqualTo("Médecin");
        assertThat(doctor.civilityOfPractice().code()).isEqualTo("DR");
        assertThat(doctor.practiceFamilyName()).isEqualTo("DURAND");
        assertThat(doctor.activities()).extracting(Activity::structureTechnicalId)
                .containsExactly("R10000000017001", "F750000019");
        Activity hospital = doctor.activities().get(1);
        assertThat(hospital.sector().code()).isEqualTo("SA01");
        assertThat(hospital.finessLegalEntity()).isEqualTo("750000001");
        assertThat(hospital.address().streetType().label()).isEqualTo("Avenue");
        assertThat(hospital.address().commune().label()).isEqualTo("Paris 11e Arrondissement");
        assertThat(hospital.phone2()).isEqualTo("0143000003");
        assertThat(hospital.genre().code()).isEqualTo("GENR01");
        assertThat(p1.exercices().get(1).activities().get(0).pharmacistSection().code()).isEqualTo("D");
    }

    @Test
    void importWhenRowsRepeatASiteForEachSavoirFaireThenOneActivityAndAllSavoirFaire() {
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));

        Exercice dentist = find("810000000041").exercices().get(0);

        assertThat(dentist.activities()).hasSize(1);
        assertThat(dentist.savoirFaire()).extracting(sf -> sf.value().code()).containsExactly("SCD01", "CEX01");
    }

    @Test
    void importWhenExerciceHasNoSiteThenExerciceWithoutActivity() {
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));

        Practitioner kine = find("810000000033");

        assertThat(kine.exercices()).hasSize(1);
        assertThat(kine.exercices().get(0).activities()).isEmpty();
    }

    @Test
    void importWhenLinesMalformedThenSkipsThemAndReportsLineNumbersAndReasons() {
        ImportResult result = importer.importFiles(List.of(Resources.source(PUBLIC_56)));

        assertThat(result.rowsRead()).isEqualTo(9);
        assertThat(result.rowsAccepted()).isEqualTo(7);
        assertThat(result.rejectedLineCount()).isEqualTo(2);
        assertThat(result.rejectedLines()).extracting(LineIssue::lineNumber, LineIssue::reason).containsExactly(
                Tuple.tuple(6L, LineIssue.Reason.WRONG_FIELD_COUNT),
                Tuple.tuple(10L, LineIssue.Reason.INVALID_NATIONAL_ID));
        assertThat(result.rejectedLines().get(0).detail()).contains("expected 56", "found 13");
        // what the operators' console shows next to the counts
        assertThat(liveRejectedLines()).isEqualTo(2);
    }

    @Test
    void importWhenRejectedLinesExceedThresholdThenRefusesAndKeepsDirectory() {
        importer.importFiles(List.of(Resources.source(PUBLIC_52)));
        DirectoryImporter strict = new DirectoryImporter(db.dataSource(),
                ImportSettings.builder().maxRejectedLines(1).build());

        assertThatThrownBy(() -> strict.importFiles(List.of(Resources.source(PUBLIC_56))))
                .isInstanceOfSatisfying(DirectoryImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DirectoryImportException.Reason.TOO_MANY_REJECTED_LINES);
                    assertThat(e.lineNumber()).isEqualTo(10);
                });
        assertThat(find("0010001949")).isNotNull();
        assertThat(find("810000000017")).isNull();
        assertThat(stagingRows()).isZero();
    }

    @Test
    void importWhen2021LayoutThenReadsTheFirst52Columns() {
        ImportResult result = importer.importFiles(List.of(Resources.source(PUBLIC_52)));

        assertThat(result.sources().get(0).columns()).isEqualTo(52);
        assertThat(result.rejectedLineCount()).isZero();
        assertThat(result.persons()).isEqualTo(22);
        Practitioner doctor = find("810106476764");
        assertThat(doctor.exercices().get(0).savoirFaire().get(0).value().code()).isEqualTo("SM20");
        assertThat(doctor.exercices().get(0).activities()).extracting(a -> a.mode().code()).containsExactly("S");
        Practitioner lab = find("0018602292");
        Activity site = lab.exercices().get(0).activities().get(0);
        assertThat(site.companyName()).isEqualTo("LBM NOVELAB AMBÉRIEU EN BUGEY CABROL");
        assertThat(site.genre()).isEqualTo(Code.EMPTY);
        assertThat(find("0010004851").exercices().get(0).activities()).isEmpty();
    }

    @Test
    void importWhenColumnsReorderedAndNewColumnAppendedThenMapsByHeaderName() throws Exception {
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));
        Practitioner before = find("810000000017");
        byte[] shuffled = shuffleColumnsAndAppendOne(Resources.bytes(PUBLIC_56));

        ImportResult result = importer.importFiles(List.of(Resources.source("future.txt", shuffled)));

        assertThat(result.sources().get(0).columns()).isEqualTo(57);
        assertThat(result.sources().get(0).ignoredColumns()).contains("Code nouvelle donnée");
        assertThat(find("810000000017")).isEqualTo(before);
    }

    @Test
    void importWhenPscExtractionThenKeepsCorrespondenceDataAndCivilNames() {
        ImportResult result = importer.importFiles(List.of(Resources.source(PSC_49)));

        assertThat(result.sources().get(0).kind()).isEqualTo(FileKind.PSC_EXTRACTION);
        assertThat(result.sources().get(0).ignoredColumns()).contains("Date de naissance", "Lieu de naissance");
        Practitioner kine = find("810107592544");
        assertThat(kine.familyName()).isEqualTo("HIRE");
        assertThat(kine.givenNames()).containsExactly("BRICE", "HENRY", "ALAIN");
        assertThat(kine.correspondenceEmail()).isEqualTo("monkine@gmail.com");
        assertThat(kine.correspondenceMobile()).isEqualTo("+33 111111111");
        assertThat(kine.exercices().get(0).activities()).extracting(Activity::structureTechnicalId)
                .containsExactly("R10100000240453", "R10000000833997");
        Practitioner optician = find("0012800728");
        assertThat(optician.givenNames()).containsExactly("Patrice");
        assertThat(optician.exercices().get(0).activities()).hasSize(4);
        // two rows with no site but a mode each: two activities, as ANS's loader builds them
        assertThat(find("0010000206").exercices().get(0).activities()).extracting(a -> a.mode().code())
                .containsExactly("L", "S");
    }

    @Test
    void importWhenPscExtractionHasInvalidIdsThenRejectsThoseLines() {
        ImportResult result = importer.importFiles(List.of(Resources.source("rpps/psc_extraction_test_FirstNameOrder.txt")));

        assertThat(result.rejectedLines()).extracting(LineIssue::lineNumber).containsExactly(2L, 3L, 4L);
        assertThat(result.rejectedLines()).extracting(LineIssue::detail)
                .containsExactly("UNKNOWN_TYPE: '1'", "UNKNOWN_TYPE: '2'", "BAD_LENGTH: '3'");
        assertThat(result.persons()).isZero();
    }

    @Test
    void importWhenSavoirFaireFileGivenThenAddsItsSavoirFaireToExistingExercicesOnly() {
        ImportResult result = importer.importFiles(List.of(Resources.source(SAVOIR_FAIRE), Resources.source(PUBLIC_56)));

        assertThat(result.sources()).extracting(SourceSummary::kind)
                .containsExactly(FileKind.PUBLIC_PERSONNE_ACTIVITE, FileKind.SAVOIR_FAIRE);
        assertThat(find("810000000017").exercices().get(0).savoirFaire()).extracting(sf -> sf.value().code())
                .containsExactly("SM54", "CAPA12");
        assertThat(find("810000000041").exercices().get(0).savoirFaire()).hasSize(2);
        assertThat(find("810000000058")).isNull();
    }

    @Test
    void importWhenSameFileAgainThenNothingChanges() {
        ImportResult first = importer.importFiles(List.of(Resources.source(PUBLIC_56)));
        Practitioner before = find("810000000017");

        ImportResult second = importer.importFiles(List.of(
                Resources.source("PS_LibreAcces_Personne_activite_renamed.txt", Resources.bytes(PUBLIC_56))));

        assertThat(second.changed()).isFalse();
        assertThat(second.generation()).isEqualTo(first.generation());
        assertThat(second.contentSha256()).isEqualTo(first.contentSha256());
        assertThat(second.persons()).isEqualTo(first.persons());
        assertThat(find("810000000017")).isEqualTo(before);
    }

    @Test
    void importWhenHeaderUnknownThenRefusedBeforeAnythingIsWritten() {
        importer.importFiles(List.of(Resources.source(PUBLIC_52)));
        byte[] wrong = "Nom|Prénom|Adresse|\nA|B|C|\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.importFiles(List.of(Resources.source("wrong.txt", wrong))))
                .isInstanceOfSatisfying(DirectoryImportException.class,
                        e -> assertThat(e.reason()).isEqualTo(DirectoryImportException.Reason.UNKNOWN_FILE_TYPE));
        assertThat(stagingRows()).isZero();
        assertThat(find("0010001949")).isNotNull();
    }

    @Test
    void importWhenHeaderLacksAColumnThenRefusedNamingIt() {
        String header = new String(Resources.bytes(PUBLIC_56), StandardCharsets.UTF_8)
                .replace("Code profession|", "Code metier|");

        assertThatThrownBy(() -> importer.importFiles(List.of(Resources.source("cut.txt",
                header.getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOfSatisfying(DirectoryImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DirectoryImportException.Reason.MISSING_COLUMNS);
                    assertThat(e.getMessage()).contains("Code profession");
                });
        assertThat(stagingRows()).isZero();
    }

    @Test
    void importWhenSecondFileHasBadHeaderThenFirstIsNotLoadedEither() {
        byte[] wrong = "Identification nationale PP|Autre|\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> importer.importFiles(List.of(Resources.source(PUBLIC_56),
                Resources.source("wrong.txt", wrong))))
                .isInstanceOf(DirectoryImportException.class);
        assertThat(stagingRows()).isZero();
        assertThat(find("810000000017")).isNull();
    }

    @Test
    void importWhenABadUtf8ByteThenRefusedWithItsLineNumber() {
        importer.importFiles(List.of(Resources.source(PUBLIC_52)));
        byte[] content = Resources.bytes(PUBLIC_56);
        byte[] broken = withByteOnLine(content, 5, (byte) 0xE9); // a Latin-1 'é'

        assertThatThrownBy(() -> importer.importFiles(List.of(Resources.source("latin1.txt", broken))))
                .isInstanceOfSatisfying(DirectoryImportException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DirectoryImportException.Reason.INVALID_ENCODING);
                    assertThat(e.lineNumber()).isEqualTo(5);
                    assertThat(e.source()).isEqualTo("latin1.txt");
                });
        assertThat(find("0010001949")).isNotNull();
        assertThat(find("810000000017")).isNull();
        assertThat(stagingRows()).isZero();
    }

    @Test
    void importWhenRowsArriveInAnyOrderThenSameDirectory() {
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));
        Practitioner p1 = find("810000000017");
        Practitioner p4 = find("810000000041");
        List<String> lines = new ArrayList<>(Arrays.asList(
                new String(Resources.bytes(PUBLIC_56), StandardCharsets.UTF_8).split("\n")));
        String header = lines.remove(0);
        Collections.reverse(lines);
        byte[] reversed = (header + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        importer.importFiles(List.of(Resources.source("reversed.txt", reversed)));

        Practitioner again = find("810000000017");
        // exercices and activities follow first appearance in the file: reversed file, reversed sites
        assertThat(again.exercices()).extracting(Exercice::key).containsExactly("10C", "21C");
        List<Activity> reversedSites = new ArrayList<>(p1.exercices().get(0).activities());
        Collections.reverse(reversedSites);
        assertThat(again.exercices().get(0).activities()).containsExactlyElementsOf(reversedSites);
        assertThat(again.exercices().get(1)).isEqualTo(p1.exercices().get(1));
        assertThat(find("810000000041").exercices().get(0).activities()).isEqualTo(p4.exercices().get(0).activities());
    }

    private long liveRejectedLines() {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT rejected_lines FROM directory.directory_state WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long stagingRows() {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM directory.stage_activity)"
                        + " + (SELECT count(*) FROM directory.stage_savoir_faire)"
                        + " + (SELECT count(*) FROM pg_tables WHERE schemaname = 'directory'"
                        + " AND tablename LIKE '%_next')")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] withByteOnLine(byte[] content, int lineNumber, byte bad) {
        int line = 1;
        for (int i = 0; i < content.length; i++) {
            if (line == lineNumber) {
                int insertAt = i + 20;
                byte[] out = new byte[content.length + 1];
                System.arraycopy(content, 0, out, 0, insertAt);
                out[insertAt] = bad;
                System.arraycopy(content, insertAt, out, insertAt + 1, content.length - insertAt);
                return out;
            }
            if (content[i] == '\n') {
                line++;
            }
        }
        throw new IllegalArgumentException("no line " + lineNumber);
    }

    private static byte[] shuffleColumnsAndAppendOne(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        int columns = lines[0].split("\\|", -1).length - 1;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(42));
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.length; l++) {
            String[] f = lines[l].split("\\|", -1);
            if (f.length - 1 != columns) {
                out.append(lines[l]).append('\n'); // keep malformed lines malformed
                continue;
            }
            for (int i : order) {
                out.append(f[i]).append('|');
            }
            out.append(l == 0 ? "Code nouvelle donnée" : "X").append("|\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
