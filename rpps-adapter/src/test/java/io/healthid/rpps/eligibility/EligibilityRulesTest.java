package io.healthid.rpps.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.sample.SampleDirectory;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.TestPostgres;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibilityRulesTest {

    private static PostgresPractitionerLookup directory;
    private final EligibilityRules rules = new EligibilityRules();

    @BeforeAll
    static void sample() {
        TestPostgres.Database db = TestPostgres.freshDatabase("eligibility");
        SampleDirectory.load(db.dataSource());
        directory = new PostgresPractitionerLookup(db.connectionFactory());
    }

    private static Practitioner find(String idNat) {
        return directory.findByNationalId(idNat).block();
    }

    @ParameterizedTest
    @CsvSource({
        SampleDirectory.TWO_PROFESSIONS + ", ELIGIBLE, ELIGIBLE",
        SampleDirectory.SEVERAL_SITES + ", ELIGIBLE, ELIGIBLE",
        SampleDirectory.INTERNE + ", ELIGIBLE, ELIGIBLE",
        SampleDirectory.ADELI_ONLY + ", ELIGIBLE, ADELI_ONLY_CARD_REQUIRED",
        SampleDirectory.MSSANTE_EMAIL + ", ELIGIBLE, MSSANTE_CORRESPONDENCE_EMAIL",
        SampleDirectory.STUDENT_NOT_ELIGIBLE + ", STUDENT_NOT_IN_ELIGIBLE_GROUP, STUDENT_NOT_IN_ELIGIBLE_GROUP"
    })
    void checkWhenSamplePersonThenReason(String idNat, EligibilityReason access, EligibilityReason activation) {
        Practitioner p = find(idNat);

        assertThat(rules.checkAccess(p).reason()).isEqualTo(access);
        assertThat(rules.checkActivationByCorrespondence(p).reason()).isEqualTo(activation);
    }

    @ParameterizedTest
    @CsvSource({"10, true", "21, true", "40, true", "50, true", "60, false", "70, false", "91, false"})
    void checkAccessWhenStudentThenEligibleOnlyForRppsGroups(String profession, boolean eligible) {
        Practitioner student = person("819990000036", "x@example.org", exercice(profession, "E"));

        EligibilityDecision decision = rules.checkAccess(student);

        assertThat(decision.eligible()).isEqualTo(eligible);
        if (!eligible) {
            assertThat(decision.reason()).isEqualTo(EligibilityReason.STUDENT_NOT_IN_ELIGIBLE_GROUP);
            assertThat(decision.detail()).contains(profession + "E");
        }
    }

    @Test
    void checkAccessWhenStudentAlsoHoldsACivilExerciceThenEligible() {
        Practitioner p = person("819990000036", "x@example.org", exercice("60", "E"), exercice("95", "C"));

        assertThat(rules.checkAccess(p).eligible()).isTrue();
    }

    @Test
    void checkAccessWhenNoExerciceThenNotEligible() {
        assertThat(rules.checkAccess(person("819990000036", "x@example.org")).reason())
                .isEqualTo(EligibilityReason.NO_EXERCICE);
    }

    @ParameterizedTest
    @CsvSource({
        "jean@medecin.mssante.fr, true",
        "jean@MSSANTE.FR, true",
        "jean@ch-exemple.mssante.fr, true",
        "jean@operateur-mss.example, true",
        "jean@notmssante.fr, false",
        "jean@gmail.com, false"
    })
    void isMssanteWhenDomainListedOrSubDomainThenTrue(String email, boolean mssante) {
        EligibilityRules withOperator = new EligibilityRules(EligibilitySettings.defaults()
                .withMssanteDomains(Set.of("*.mssante.fr", "operateur-mss.example")));

        assertThat(withOperator.isMssante(email)).isEqualTo(mssante);
    }

    @Test
    void checkActivationWhenNoCorrespondenceDataThenSaysWhichIsMissing() {
        Practitioner noMail = person("819990000036", "", exercice("10", "C"));
        Practitioner noMobile = new Practitioner("819990000036", Code.EMPTY, "", List.of(), "a@example.org", "",
                List.of(exercice("10", "C")));

        assertThat(rules.checkActivationByCorrespondence(noMail).reason())
                .isEqualTo(EligibilityReason.NO_CORRESPONDENCE_EMAIL);
        assertThat(rules.checkActivationByCorrespondence(noMobile).reason())
                .isEqualTo(EligibilityReason.NO_CORRESPONDENCE_MOBILE);
    }

    private static Practitioner person(String idNat, String email, Exercice... exercices) {
        return new Practitioner(idNat, Code.of("M"), "", List.of(), email, "+33 600000000", List.of(exercices));
    }

    private static Exercice exercice(String profession, String category) {
        return new Exercice(Code.of(profession), Code.of(category), Code.EMPTY, "", "", List.of(), List.of());
    }
}
