package io.healthid.rpps.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.TestPostgres;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleDirectoryTest {

    @Test
    void loadIfEmptyWhenFirstStartThenLoadsOnceWithValidIdsAndNoRejectedLine() {
        TestPostgres.Database db = TestPostgres.freshDatabase("sample");

        ImportResult first = SampleDirectory.loadIfEmpty(db.dataSource()).orElseThrow();

        assertThat(first.rejectedLineCount()).isZero();
        assertThat(first.warningCount()).isZero();
        assertThat(first.sources().get(0).columns()).isEqualTo(50);
        assertThat(first.persons()).isEqualTo(6);
        assertThat(SampleDirectory.loadIfEmpty(db.dataSource())).isEmpty();
        Stream.of(SampleDirectory.TWO_PROFESSIONS, SampleDirectory.SEVERAL_SITES, SampleDirectory.INTERNE,
                SampleDirectory.ADELI_ONLY, SampleDirectory.MSSANTE_EMAIL, SampleDirectory.STUDENT_NOT_ELIGIBLE)
                .forEach(id -> assertThat(NationalId.parse(id).isValid()).as(id).isTrue());
        PostgresPractitionerLookup lookup = new PostgresPractitionerLookup(db.connectionFactory());
        Practitioner interne = lookup.findByNationalId(SampleDirectory.INTERNE).block();
        assertThat(interne.exercices().get(0).isStudent()).isTrue();
        assertThat(interne.exercices().get(0).activities().get(0).role().code()).isEqualTo("FON-48");
        assertThat(lookup.findByNationalId(SampleDirectory.SEVERAL_SITES).block().exercices().get(0).activities())
                .hasSize(3);
        assertThat(lookup.findByNationalId(SampleDirectory.TWO_PROFESSIONS).block().givenNames())
                .containsExactly("SOPHIE", "ANNE");
    }
}
