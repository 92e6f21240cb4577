package io.healthid.demo.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.demo.psc.PscProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The working context is chosen by the person among what PSC returned; the chooser never picks among several. */
class ContextChooserTest {

    private final ContextChooser chooser = new ContextChooser();

    /** Shaped like PSC's userinfo: a doctor at her practice and a pharmacist at a pharmacy, plus a third without site. */
    private final PscProfile twoProfessions = PscProfile.fromUserInfo(Map.of("SubjectRefPro", Map.of(
            "codeCivilite", "MME",
            "exercices", List.of(
                    exercice("10", "C", activity("419990000010001", "CABINET DU DR MARTIN")),
                    exercice("21", "C", activity("1750000027", "PHARMACIE DU MARCHE")),
                    exercice("50", "C")))));

    @Test
    void chooseWhenSiteBelongsToTheExerciceThenThatContext() {
        assertThat(this.chooser.choose(this.twoProfessions, "21C", "1750000027"))
            .contains(new WorkingContext("21C", "1750000027"));
    }

    @Test
    void chooseWhenSiteBelongsToAnotherExerciceThenRefused() {
        assertThat(this.chooser.choose(this.twoProfessions, "10C", "1750000027")).isEmpty();
    }

    @Test
    void chooseWhenExerciceOrSiteUnknownOrMissingThenRefused() {
        assertThat(this.chooser.choose(this.twoProfessions, "60C", "1750000027")).isEmpty();
        assertThat(this.chooser.choose(this.twoProfessions, "10C", "999")).isEmpty();
        assertThat(this.chooser.choose(this.twoProfessions, "10C", "")).isEmpty();
        assertThat(this.chooser.choose(this.twoProfessions, null, "1750000027")).isEmpty();
    }

    @Test
    void chooseWhenExerciceHasNoSiteThenOnlyWithoutSite() {
        assertThat(this.chooser.choose(this.twoProfessions, "50C", "")).contains(new WorkingContext("50C", ""));
        assertThat(this.chooser.choose(this.twoProfessions, "50C", "1750000027")).isEmpty();
    }

    @Test
    void onlyChoiceWhenSeveralProfessionsOrSitesThenNone() {
        assertThat(this.chooser.onlyChoice(this.twoProfessions)).isEmpty();
        PscProfile threeSites = PscProfile.fromUserInfo(Map.of("SubjectRefPro", Map.of("exercices", List.of(
                exercice("70", "C", activity("A", "CABINET"), activity("B", "MAISON DE SANTE"), activity("C", "CHU"))))));
        assertThat(this.chooser.onlyChoice(threeSites)).isEmpty();
    }

    @Test
    void onlyChoiceWhenOneProfessionAtOneSiteThenThatOne() {
        PscProfile single = PscProfile.fromUserInfo(Map.of("SubjectRefPro", Map.of("exercices", List.of(
                exercice("60", "C", activity("419990000051001", "CABINET INFIRMIER ROBERT"))))));
        assertThat(this.chooser.onlyChoice(single)).contains(new WorkingContext("60C", "419990000051001"));
    }

    @Test
    void stillValidWhenDirectoryNoLongerHasTheSiteThenDropped() {
        WorkingContext pharmacy = new WorkingContext("21C", "1750000027");
        assertThat(this.chooser.stillValid(this.twoProfessions, pharmacy)).contains(pharmacy);
        PscProfile doctorOnly = PscProfile.fromUserInfo(Map.of("SubjectRefPro", Map.of("exercices", List.of(
                exercice("10", "C", activity("419990000010001", "CABINET DU DR MARTIN"))))));
        assertThat(this.chooser.stillValid(doctorOnly, pharmacy)).isEmpty();
        assertThat(this.chooser.stillValid(doctorOnly, null)).isEmpty();
    }

    @Test
    void activityKeyWhenNoAncienIdentifiantThenTechnicalIdThenPosition() {
        PscProfile profile = PscProfile.fromUserInfo(Map.of("SubjectRefPro", Map.of("exercices", List.of(
                exercice("10", "C",
                        Map.of("ancienIdentifiantDeLaStructure", "", "identifiantTechniqueDeLaStructure", "R123"),
                        Map.of("ancienIdentifiantDeLaStructure", "", "identifiantTechniqueDeLaStructure", ""))))));
        assertThat(profile.exercices().get(0).activities()).extracting(PscProfile.Activity::key)
            .containsExactly("R123", "#2");
    }

    @SafeVarargs
    private static Map<String, Object> exercice(String profession, String category, Map<String, Object>... activities) {
        return Map.of("codeProfession", profession, "codeCategorieProfessionnelle", category, "codeSavoirFaire", "",
                "activities", List.of(activities));
    }

    private static Map<String, Object> activity(String key, String name) {
        return Map.of("ancienIdentifiantDeLaStructure", key, "raisonSocialeSite", name, "codeModeExercice", "L");
    }
}
