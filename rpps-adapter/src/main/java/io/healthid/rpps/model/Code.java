package io.healthid.rpps.model;

import java.util.Objects;

/**
 * A nomenclature value as published: the raw code and its label. Either may be empty ({@code ""}) when the source
 * does not carry it (the PSC extraction has codes only); never null. Match on codes, never on labels.
 */
public record Code(String code, String label) {

    public static final Code EMPTY = new Code("", "");

    public Code {
        code = code == null ? "" : code;
        label = label == null ? "" : label;
    }

    public static Code of(String code) {
        return new Code(code, "");
    }

    public static Code of(String code, String label) {
        return new Code(code, label);
    }

    public boolean isEmpty() {
        return code.isEmpty();
    }

    public boolean is(String expected) {
        return Objects.equals(code, expected);
    }
}
