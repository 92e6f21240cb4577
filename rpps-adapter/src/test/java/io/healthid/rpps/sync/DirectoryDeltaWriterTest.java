package io.healthid.rpps.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.rpps.importer.DirectoryImportException;
import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Address;
import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.model.SavoirFaire;
import io.healthid.rpps.store.DirectoryLock;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryDeltaWriterTest {

    static final String PUBLIC_56 = "rpps/public_56_scattered.txt";
    static final LocalDate TODAY = LocalDate.of(2024, 1, 20);

    TestPostgres.Database db;
    DirectoryImporter importer;
    DirectoryDeltaWriter writer;
    PostgresPractitionerLookup lookup;

    @BeforeEach
    void directory() {
        db = TestPostgres.freshDatabase("delta");
        importer = new DirectoryImporter(db.dataSource());
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));
        writer = new DirectoryDeltaWriter(db.dataSource());
        lookup = new PostgresPractitionerLookup(db.connectionFactory());
    }

    @Test
    void applyWhenPractitionerUpdatedThenLookupSeesOnlyTheNewExercicesActivitiesAndSavoirFaire() {
        Practitioner durand = practitioner("810000000017", exercice("60", "C", List.of(new SavoirFaire(
                Code.of("S", "Spécialité ordinale"), Code.of("SI01", "Infirmier"))), activity("CLINIQUE NEUVE"),
                activity("HOPITAL NORD")));

        DeltaWriteResult result = writer.apply(new DirectoryDelta(TODAY, List.of(durand), List.of()));

        assertThat(result.changed()).isTrue();
        assertThat(result.updated()).isEqualTo(1);
        assertThat(result.added()).isZero();
        Practitioner seen = lookup.findByNationalId("810000000017").block();
        assertThat(seen.exercices()).extracting(Exercice::key).containsExactly("60C");
        assertThat(seen.exercices().get(0).activities()).extracting(Activity::companyName)
                .containsExactly("CLINIQUE NEUVE", "HOPITAL NORD");
        assertThat(seen.exercices().get(0).savoirFaire()).extracting(s -> s.value().code()).containsExactly("SI01");
        assertCountsMatchTheTables();
    }

    @Test
    void applyWhenTheApiCarriesNoCivilNamesNorCorrespondenceThenThoseOfTheLastFullImportAreKept() {
        TestPostgres.Database psc = TestPostgres.freshDatabase("delta_psc");
        new DirectoryImporter(psc.dataSource()).importFiles(List.of(Resources.source(
                "rpps/psc_extraction_800000000001.txt")));
        Practitioner fromApi = new Practitioner("800000000001", Code.EMPTY, "", List.of(), "", "",
                List.of(exercice("50", "C", List.of(), activity("MATERNITE"))));

        new DirectoryDeltaWriter(psc.dataSource()).apply(new DirectoryDelta(TODAY, List.of(fromApi), List.of()));

        Practitioner seen = new PostgresPractitionerLookup(psc.connectionFactory()).findByNationalId("800000000001")
                .block();
        assertThat(seen.correspondenceEmail()).isEqualTo("jimmy@dupont.fr");
        assertThat(seen.correspondenceMobile()).isEqualTo("0601020304");
        assertThat(seen.familyName()).isEqualTo("DUPONT");
        assertThat(seen.givenNames()).containsExactly("JIMMY");
        assertThat(seen.civility().code()).isEqualTo("M");
        assertThat(seen.exercices()).extracting(Exercice::key).containsExactly("50C");
    }

    @Test
    void applyWhenNewAndRemovedPractitionersThenAddedDeletedAndAbsentOnesCounted() {
        Practitioner newcomer = practitioner("810100375103", exercice("60", "C", List.of()));

        DeltaWriteResult result = writer.apply(new DirectoryDelta(TODAY, List.of(newcomer),
                List.of("810000000025", "810000000058")));

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(1);
        assertThat(result.alreadyAbsent()).isEqualTo(1);
        assertThat(lookup.findByNationalId("810100375103").block().exercices()).singleElement()
                .satisfies(e -> assertThat(e.activities()).isEmpty());
        assertThat(lookup.findByNationalId("810000000025").block()).isNull();
        assertThat(count("SELECT count(*) FROM directory.exercice WHERE id_nat = '810000000025'")).isZero();
        assertCountsMatchTheTables();
    }

    @Test
    void applyWhenAWriteFailsMidwayThenNothingIsWrittenAndTheGenerationIsKept() throws Exception {
        long generation = generation();
        execute("""
                CREATE FUNCTION directory.refuse() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON directory.activity FOR EACH ROW
                WHEN (NEW.company_name = 'BOOM') EXECUTE FUNCTION directory.refuse()""");
        Practitioner ok = practitioner("810000000041", exercice("40", "C", List.of(), activity("FINE")));
        Practitioner failing = practitioner("810000000017", exercice("10", "C", List.of(), activity("BOOM")));

        assertThatThrownBy(() -> writer.apply(new DirectoryDelta(TODAY, List.of(ok, failing),
                List.of("810000000025"))))
                .isInstanceOfSatisfying(DirectorySyncException.class, e -> assertThat(e.reason())
                        .isEqualTo(DirectorySyncException.Reason.DATABASE_FAILED))
                .hasMessageContaining("unchanged");

        assertThat(generation()).isEqualTo(generation);
        assertThat(lookup.findByNationalId("810000000025").block()).isNotNull();
        assertThat(lookup.findByNationalId("810000000041").block().firstActivity().orElseThrow().companyName())
                .isNotEqualTo("FINE");
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).isEmpty();
    }

    @Test
    void applyWhileAFullImportHoldsTheDirectoryLockThenRefusedAndNothingWritten() throws Exception {
        long generation = generation();
        try (Connection importing = db.dataSource().getConnection()) {
            assertThat(DirectoryLock.tryLock(importing)).isTrue();

            assertThatThrownBy(() -> writer.apply(new DirectoryDelta(TODAY, List.of(), List.of("810000000025"))))
                    .isInstanceOfSatisfying(DirectorySyncException.class, e -> assertThat(e.reason())
                            .isEqualTo(DirectorySyncException.Reason.DIRECTORY_BUSY));
        }
        assertThat(generation()).isEqualTo(generation);
        assertThat(lookup.findByNationalId("810000000025").block()).isNotNull();
    }

    @Test
    void importWhileADeltaTransactionHoldsTheDirectoryLockThenTheImportIsRefused() throws Exception {
        try (Connection delta = db.dataSource().getConnection()) {
            delta.setAutoCommit(false);
            assertThat(DirectoryLock.tryLockForTransaction(delta)).isTrue();

            assertThatThrownBy(() -> importer.importFiles(List.of(Resources.source(
                    "rpps/ps_libreacces_personne_activite_2021_excerpt.txt"))))
                    .isInstanceOfSatisfying(DirectoryImportException.class, e -> assertThat(e.reason())
                            .isEqualTo(DirectoryImportException.Reason.IMPORT_ALREADY_RUNNING));
            delta.rollback();
        }
        assertThat(importer.importFiles(List.of(Resources.source(
                "rpps/ps_libreacces_personne_activite_2021_excerpt.txt"))).changed())
                .as("the lock ends with the transaction").isTrue();
    }

    @Test
    void importOfTheSameFileAfterADeltaThenRebuildsTheDirectoryInsteadOfSkippingItAsUnchanged() {
        writer.apply(new DirectoryDelta(TODAY, List.of(practitioner("810100375103", exercice("60", "C", List.of()))),
                List.of("810000000025")));

        ImportResult again = importer.importFiles(List.of(Resources.source(PUBLIC_56)));

        assertThat(again.changed()).isTrue();
        assertThat(lookup.findByNationalId("810100375103").block()).isNull();
        assertThat(lookup.findByNationalId("810000000025").block()).isNotNull();
        assertThat(importer.importFiles(List.of(Resources.source(PUBLIC_56))).changed())
                .as("idempotence by content still holds between full imports").isFalse();
    }

    @Test
    void applyWhenTheDeltaIsEmptyThenGenerationKeptAndCheckpointRecorded() throws Exception {
        long generation = generation();

        DeltaWriteResult result = writer.apply(new DirectoryDelta(TODAY, List.of(), List.of()));

        assertThat(result.changed()).isFalse();
        assertThat(result.generation()).isEqualTo(generation).isEqualTo(generation());
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).contains(TODAY);
    }

    @Test
    void applyWhenChangedThenGenerationBumpedAndCheckpointRecorded() throws Exception {
        long generation = generation();

        DeltaWriteResult result = writer.apply(new DirectoryDelta(TODAY, List.of(), List.of("810000000025")));

        assertThat(result.generation()).isEqualTo(generation + 1).isEqualTo(generation());
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).contains(TODAY);
    }

    static Practitioner practitioner(String idNat, Exercice... exercices) {
        return new Practitioner(idNat, Code.of("M"), "", List.of(), "", "", List.of(exercices));
    }

    static Exercice exercice(String profession, String category, List<SavoirFaire> savoirFaire,
            Activity... activities) {
        return new Exercice(Code.of(profession, "label " + profession), Code.of(category, "Civil"), Code.EMPTY,
                "NOM", "Prénom", savoirFaire, List.of(activities));
    }

    static Activity activity(String companyName) {
        return new Activity(Code.of("S", "Salarié"), Code.of("SA01"), Code.EMPTY, Code.of("FON-AU"),
                Code.of("GENR01"), "", "", "", "", "F123", companyName, "", Address.EMPTY, "", "", "", "", Code.EMPTY,
                "", "");
    }

    private void assertCountsMatchTheTables() {
        assertThat(count("SELECT persons FROM directory.directory_state"))
                .isEqualTo(count("SELECT count(*) FROM directory.person"));
        assertThat(count("SELECT exercices FROM directory.directory_state"))
                .isEqualTo(count("SELECT count(*) FROM directory.exercice"));
        assertThat(count("SELECT activities FROM directory.directory_state"))
                .isEqualTo(count("SELECT count(*) FROM directory.activity"));
    }

    private long generation() {
        return count("SELECT generation FROM directory.directory_state");
    }

    private long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
