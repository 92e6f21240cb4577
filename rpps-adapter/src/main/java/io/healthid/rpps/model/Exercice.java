package io.healthid.rpps.model;

import java.util.List;

/**
 * One exercice professionnel: a profession in a category (ANS keys it as profession + category, e.g. {@code 10C}).
 * May have no activity at all (registered but not practising).
 */
public record Exercice(
        Code profession,
        Code category,
        Code civilityOfPractice,
        String practiceFamilyName,
        String practiceGivenName,
        List<SavoirFaire> savoirFaire,
        List<Activity> activities) {

    /** Category code of students (TRE_R09). */
    public static final String STUDENT_CATEGORY = "E";

    public Exercice {
        profession = profession == null ? Code.EMPTY : profession;
        category = category == null ? Code.EMPTY : category;
        civilityOfPractice = civilityOfPractice == null ? Code.EMPTY : civilityOfPractice;
        practiceFamilyName = practiceFamilyName == null ? "" : practiceFamilyName;
        practiceGivenName = practiceGivenName == null ? "" : practiceGivenName;
        savoirFaire = savoirFaire == null ? List.of() : List.copyOf(savoirFaire);
        activities = activities == null ? List.of() : List.copyOf(activities);
    }

    /** ANS's key of an exercice: profession code + category code. */
    public String key() {
        return profession.code() + category.code();
    }

    public boolean isStudent() {
        return category.is(STUDENT_CATEGORY);
    }
}
