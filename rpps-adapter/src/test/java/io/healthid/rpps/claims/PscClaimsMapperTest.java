package io.healthid.rpps.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.importer.LineIssue;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.sample.SampleDirectory;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PscClaimsMapperTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static PostgresPractitionerLookup sample;
    private static PostgresPractitionerLookup pscFixture;
    private static ImportResult pscFixtureImport;
    private final PscClaimsMapper mapper = new PscClaimsMapper();

    @BeforeAll
    static void directories() {
        TestPostgres.Database s = TestPostgres.freshDatabase("claims_sample");
        SampleDirectory.load(s.dataSource());
        sample = new PostgresPractitionerLookup(s.connectionFactory());
        TestPostgres.Database f = TestPostgres.freshDatabase("claims_psc");
        pscFixtureImport = new DirectoryImporter(f.dataSource())
                .importFiles(List.of(Resources.source("rpps/psc_extraction_800000000001.txt")));
        pscFixture = new PostgresPractitionerLookup(f.connectionFactory());
    }

    @ParameterizedTest
    @CsvSource({
        SampleDirectory.TWO_PROFESSIONS + ", claims/sample_two_professions.json",
        SampleDirectory.ADELI_ONLY + ", claims/sample_adeli_only.json",
        SampleDirectory.STUDENT_NOT_ELIGIBLE + ", claims/sample_no_activity.json"
    })
    void userInfoClaimsWhenSamplePractitionerThenMatchesGoldenFile(String idNat, String golden) throws Exception {
        Map<String, Object> claims = mapper.userInfoClaims(sample.findByNationalId(idNat).block());

        JSONAssert.assertEquals(text(golden), JSON.writeValueAsString(claims), JSONCompareMode.STRICT);
    }

    @Test
    void userInfoClaimsWhenPscTestPersonThenMatchesGoldenFile() throws Exception {
        Map<String, Object> claims = mapper.userInfoClaims(pscFixture.findByNationalId("800000000001").block());

        JSONAssert.assertEquals(text("claims/psc_800000000001.json"), JSON.writeValueAsString(claims),
                JSONCompareMode.STRICT);
        // 800000000001 breaks the Luhn rule: kept (ANS is the authority) but reported
        assertThat(pscFixtureImport.warnings()).extracting(LineIssue::reason)
                .containsOnly(LineIssue.Reason.CHECK_DIGIT_MISMATCH);
    }

    /** Cross-check with ANS's own PSC directory document of the same person, where the two shapes overlap. */
    @Test
    void subjectRefProWhenPscTestPersonThenAgreesWithAnsPsApiDocument() {
        JsonNode ps = JSON.readTree(text("rpps/psc-ps-api_ps_with_two_professions.json")).get("fr.ans.psc.model.Ps").get(0);
        Map<String, Object> ref = mapper.subjectRefPro(pscFixture.findByNationalId(ps.get("nationalId").asString()).block());

        assertThat(ref.get("codeCivilite")).isEqualTo(ps.get("salutationCode").asString());
        List<?> exercices = (List<?>) ref.get("exercices");
        JsonNode professions = ps.get("professions");
        assertThat(exercices).hasSize(professions.size());
        for (int i = 0; i < professions.size(); i++) {
            JsonNode profession = professions.get(i);
            Map<?, ?> exercice = (Map<?, ?>) exercices.get(i);
            assertThat(exercice.get("codeProfession")).isEqualTo(profession.get("code").asString());
            assertThat(exercice.get("codeCategorieProfessionnelle")).isEqualTo(profession.get("categoryCode").asString());
            assertThat(exercice.get("nomDexercice")).isEqualTo(profession.get("lastName").asString());
            assertThat(exercice.get("prenomDexercice")).isEqualTo(profession.get("firstName").asString());
            assertThat(exercice.get("codeProfession").toString() + exercice.get("codeCategorieProfessionnelle"))
                    .isEqualTo(profession.get("exProId").asString());
            List<?> activities = (List<?>) exercice.get("activities");
            JsonNode situations = profession.get("workSituations");
            assertThat(activities).hasSize(situations.size());
            for (int j = 0; j < situations.size(); j++) {
                Map<?, ?> activity = (Map<?, ?>) activities.get(j);
                assertThat(activity.get("codeModeExercice")).isEqualTo(situations.get(j).get("modeCode").asString());
                assertThat(activity.get("codeSecteurDactivite"))
                        .isEqualTo(situations.get(j).get("activitySectorCode").asString());
            }
        }
    }

    @Test
    void subjectRefProWhenAnyPractitionerThenEveryKeyPresentAndNeverNull() {
        Practitioner p = sample.findByNationalId(SampleDirectory.SEVERAL_SITES).block();

        Map<String, Object> ref = mapper.subjectRefPro(p);

        List<?> exercices = (List<?>) ref.get("exercices");
        Map<?, ?> exercice = (Map<?, ?>) exercices.get(0);
        assertThat(exercice.keySet().stream().map(Object::toString).toList()).containsExactly("codeProfession", "codeCategorieProfessionnelle",
                "codeCiviliteDexercice", "nomDexercice", "prenomDexercice", "codeTypeSavoirFaire", "codeSavoirFaire",
                "activities");
        List<?> activities = (List<?>) exercice.get("activities");
        assertThat(activities).hasSize(3);
        List<String> nullOrMissing = new ArrayList<>();
        for (Object a : activities) {
            Map<?, ?> activity = (Map<?, ?>) a;
            assertThat(activity).hasSize(30);
            activity.forEach((k, v) -> {
                if (!(v instanceof String)) {
                    nullOrMissing.add(k + "=" + v);
                }
            });
        }
        assertThat(nullOrMissing).isEmpty();
    }

    @Test
    void subjectRolesWhenTwoExercicesOfSameProfessionThenOneRole() {
        Practitioner p = sample.findByNationalId(SampleDirectory.TWO_PROFESSIONS).block();
        Practitioner doubled = new Practitioner(p.idNat(), p.civility(), p.familyName(), p.givenNames(),
                p.correspondenceEmail(), p.correspondenceMobile(),
                List.of(p.exercices().get(0), p.exercices().get(0), p.exercices().get(1)));

        assertThat(mapper.subjectRoles(doubled)).containsExactly("10^1.2.250.1.213.1.1.5.5", "21^1.2.250.1.213.1.1.5.5");
    }

    private static String text(String resource) {
        return new String(Resources.bytes(resource), StandardCharsets.UTF_8);
    }
}
