package io.healthid.rpps.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.idnat.InvalidNationalIdException;
import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportProgress;
import io.healthid.rpps.importer.ImportSettings;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import io.healthid.rpps.testsupport.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class PostgresPractitionerLookupTest {

    private static TestPostgres.Database db;
    private static PostgresPractitionerLookup lookup;

    @BeforeAll
    static void directoryOf2021() {
        db = TestPostgres.freshDatabase("lookup");
        new DirectoryImporter(db.dataSource()).importFiles(
                List.of(Resources.source("rpps/ps_libreacces_personne_activite_2021_excerpt.txt")));
        lookup = new PostgresPractitionerLookup(db.connectionFactory());
    }

    @Test
    void findWhenBareRppsNumberThenNormalisesToIdNat() {
        StepVerifier.create(lookup.findByNationalId("10106476764"))
                .assertNext(p -> assertThat(p.idNat()).isEqualTo("810106476764"))
                .verifyComplete();
    }

    @Test
    void findWhenUnknownThenEmpty() {
        StepVerifier.create(lookup.findByNationalId("810000000017")).verifyComplete();
    }

    @Test
    void findWhenNotAnIdentifierThenInvalidNationalIdError() {
        StepVerifier.create(lookup.findByNationalId("hello")).expectError(InvalidNationalIdException.class).verify();
    }

    @Test
    void findWhenDatabaseDownThenDirectoryUnavailable() {
        PostgresPractitionerLookup down = new PostgresPractitionerLookup(TestPostgres.connectionFactory("localhost",
                TestRedis.freePort(), "postgres", "postgres", "postgres"), Duration.ofSeconds(5));

        StepVerifier.create(down.findByNationalId("810106476764"))
                .expectError(DirectoryUnavailableException.class)
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void findDuringAnImportThenSeesTheOldDirectoryUntilTheSwap() {
        TestPostgres.Database own = TestPostgres.freshDatabase("midimport");
        DirectoryImporter importer = new DirectoryImporter(own.dataSource(),
                ImportSettings.builder().progressEveryRows(1).build());
        PostgresPractitionerLookup reader = new PostgresPractitionerLookup(own.connectionFactory());
        importer.importFiles(List.of(Resources.source("rpps/ps_libreacces_personne_activite_2021_excerpt.txt")));
        List<String> seen = new ArrayList<>();

        importer.importFiles(List.of(Resources.source("rpps/public_56_scattered.txt")), progress -> {
            if (progress.phase() != ImportProgress.Phase.DONE) {
                Practitioner old = reader.findByNationalId("0010001949").block();
                Practitioner fresh = reader.findByNationalId("810000000017").block();
                seen.add(progress.phase() + ":" + (old != null) + ":" + (fresh != null));
            }
        });

        assertThat(seen).isNotEmpty().allMatch(s -> s.endsWith(":true:false"));
        assertThat(seen).anyMatch(s -> s.startsWith("LOADING")).anyMatch(s -> s.startsWith("SWAPPING"));
        assertThat(reader.findByNationalId("0010001949").block()).isNull();
        assertThat(reader.findByNationalId("810000000017").block()).isNotNull();
    }
}
