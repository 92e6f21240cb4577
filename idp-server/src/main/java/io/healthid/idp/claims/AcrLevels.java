package io.healthid.idp.claims;

import java.util.Arrays;
import java.util.List;

/**
 * Our {@code acr} values (eIDAS levels) from weakest to strongest, and the two questions asked of them: does a login
 * satisfy what a client asked for in {@code acr_values}, and which value does its ID token carry. Values outside this
 * list never constrain (PSC's {@code eidas1} is the floor).
 */
public final class AcrLevels {

    public static final List<String> ORDER = List.of("eidas1", "eidas2", "eidas3");

    private AcrLevels() {
    }

    /** Satisfied when any requested value we know is at or below what was achieved (acr_values lists acceptable values). */
    public static boolean satisfies(String achieved, String acrValues) {
        if (acrValues == null) {
            return true;
        }
        List<Integer> known = known(acrValues);
        int achievedRank = ORDER.indexOf(achieved);
        return known.isEmpty() || known.stream().anyMatch(rank -> rank <= achievedRank);
    }

    /**
     * The {@code acr} to return (OIDC Core 2: the class the authentication satisfied). With {@link AcrClaim#REQUESTED}
     * it is the strongest requested value the login satisfies, so a client that accepts only what it asked for (ANS's
     * Keycloak connector accepts {@code eidas1} only) signs people in after a stronger login; without a satisfied
     * requested value, and with {@link AcrClaim#ACHIEVED}, it is the achieved level.
     */
    public static String returned(String achieved, String acrValues, AcrClaim policy) {
        if (policy == AcrClaim.ACHIEVED || acrValues == null) {
            return achieved;
        }
        int achievedRank = ORDER.indexOf(achieved);
        return known(acrValues).stream()
            .filter(rank -> rank <= achievedRank)
            .max(Integer::compare)
            .map(ORDER::get)
            .orElse(achieved);
    }

    private static List<Integer> known(String acrValues) {
        return Arrays.stream(acrValues.trim().split(" +")).map(ORDER::indexOf).filter(rank -> rank >= 0).toList();
    }
}
