package io.healthid.demo.psc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PSC's {@code SubjectRefPro} as a relying party reads it: every exercice (one per profession) with every activity
 * (one per site). PSC sends every key, with {@code ""} for unknown values; a missing key reads as {@code ""} too.
 */
public record PscProfile(String civility, List<Exercice> exercices) {

    /** One profession: ANS keys it as profession code + category code (e.g. {@code 10C}). */
    public record Exercice(String key, String profession, String category, String civilityOfPractice,
            String familyName, String givenName, String savoirFaireType, String savoirFaire, List<Activity> activities) {
    }

    /**
     * One site. {@code key} is what ANS's own code keys it by: {@code ancienIdentifiantDeLaStructure}, else the
     * structure's technical id, else its position.
     */
    public record Activity(String key, String mode, String sector, String role, String genre, String name,
            String finess, String siret, String structureId, String address, String telephone) {
    }

    @SuppressWarnings("unchecked")
    public static PscProfile fromUserInfo(Map<String, Object> userInfo) {
        Object ref = userInfo.get("SubjectRefPro");
        if (!(ref instanceof Map<?, ?> subjectRefPro)) {
            return new PscProfile("", List.of());
        }
        List<Exercice> exercices = new ArrayList<>();
        for (Map<String, Object> exercice : maps(subjectRefPro.get("exercices"))) {
            List<Activity> activities = new ArrayList<>();
            int position = 0;
            for (Map<String, Object> activity : maps(exercice.get("activities"))) {
                position++;
                String key = firstNonEmpty(text(activity, "ancienIdentifiantDeLaStructure"),
                        text(activity, "identifiantTechniqueDeLaStructure"), "#" + position);
                activities.add(new Activity(key, text(activity, "codeModeExercice"), text(activity, "codeSecteurDactivite"),
                        text(activity, "codeRole"), text(activity, "codeGenreActivite"),
                        firstNonEmpty(text(activity, "raisonSocialeSite"), text(activity, "enseigneCommercialeSite"), ""),
                        text(activity, "numeroFinessSite"), text(activity, "numeroSiretSite"),
                        text(activity, "identifiantTechniqueDeLaStructure"), address(activity), text(activity, "telephone")));
            }
            exercices.add(new Exercice(text(exercice, "codeProfession") + text(exercice, "codeCategorieProfessionnelle"),
                    text(exercice, "codeProfession"), text(exercice, "codeCategorieProfessionnelle"),
                    text(exercice, "codeCiviliteDexercice"), text(exercice, "nomDexercice"), text(exercice, "prenomDexercice"),
                    text(exercice, "codeTypeSavoirFaire"), text(exercice, "codeSavoirFaire"), List.copyOf(activities)));
        }
        return new PscProfile(text((Map<String, Object>) subjectRefPro, "codeCivilite"), List.copyOf(exercices));
    }

    public int activityCount() {
        return this.exercices.stream().mapToInt(exercice -> exercice.activities().size()).sum();
    }

    private static String address(Map<String, Object> activity) {
        String street = String.join(" ", List.of(text(activity, "numeroVoie"), text(activity, "indiceRepetitionVoie"),
                text(activity, "codeTypeDeVoie"), text(activity, "libelleVoie"))).trim().replaceAll(" +", " ");
        String town = text(activity, "bureauCedex");
        return street.isEmpty() ? town : town.isEmpty() ? street : street + ", " + town;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(item -> (Map<String, Object>) item).toList();
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? "" : value.toString();
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
