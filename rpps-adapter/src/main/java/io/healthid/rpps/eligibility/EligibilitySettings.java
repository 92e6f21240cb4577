package io.healthid.rpps.eligibility;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * @param studentProfessions  profession codes whose students (category {@code E}) are eligible: the RPPS holds
 *                            internes in medicine (10), pharmacy (21), odontology (40) and midwifery students (50)
 * @param mssanteDomains      e-mail domains refused as correspondence e-mail; a domain also covers its sub-domains
 *                            ({@code mssante.fr} covers {@code medecin.mssante.fr}); add operators' own domains here
 */
public record EligibilitySettings(Set<String> studentProfessions, Set<String> mssanteDomains) {

    public EligibilitySettings {
        studentProfessions = Set.copyOf(studentProfessions);
        mssanteDomains = mssanteDomains.stream().map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^[*.]+", ""))
                .collect(Collectors.toUnmodifiableSet());
    }

    public static EligibilitySettings defaults() {
        return new EligibilitySettings(Set.of("10", "21", "40", "50"), Set.of("mssante.fr"));
    }

    public EligibilitySettings withMssanteDomains(Set<String> domains) {
        return new EligibilitySettings(studentProfessions, domains);
    }
}
