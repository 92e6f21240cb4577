package io.healthid.idp.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The authentication context classes this provider knows, weakest first (psc-profile.md: integrators send
 * {@code acr_values=eidas1}). A card with PIN reaches {@link #EIDAS3}, e-CPS {@link #EIDAS2}.
 */
public enum Acr {
    EIDAS1("eidas1"),
    EIDAS2("eidas2"),
    EIDAS3("eidas3");

    private final String value;

    Acr(String value) {
        this.value = value;
    }

    public String value() {
        return this.value;
    }

    /** Every value, weakest first, as discovery advertises them. */
    public static List<String> supported() {
        return Arrays.stream(values()).map(Acr::value).toList();
    }

    /** The class an {@code acr} string names; empty for a value outside this list. */
    public static Optional<Acr> of(String value) {
        return Arrays.stream(values()).filter(acr -> acr.value.equals(value)).findFirst();
    }

    public boolean satisfies(Acr required) {
        return compareTo(required) >= 0;
    }
}
