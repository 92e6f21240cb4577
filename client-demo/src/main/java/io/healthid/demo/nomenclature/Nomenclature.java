package io.healthid.demo.nomenclature;

/** The ANS nomenclatures whose labels the demo ships (a small excerpt of each, in {@code nomenclatures/}). */
public enum Nomenclature {
    PROFESSION("profession"),
    CATEGORY("category"),
    SAVOIR_FAIRE_TYPE("savoir-faire-type"),
    SAVOIR_FAIRE("savoir-faire"),
    MODE("mode"),
    SECTOR("sector"),
    ROLE("role");

    private final String file;

    Nomenclature(String file) {
        this.file = file;
    }

    String resource() {
        return "nomenclatures/" + this.file + ".properties";
    }
}
