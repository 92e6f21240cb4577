package io.healthid.rpps.model;

/** A specialty or competence of an exercice (e.g. type {@code S} spécialité ordinale, code {@code SM26}). */
public record SavoirFaire(Code type, Code value) {

    public SavoirFaire {
        type = type == null ? Code.EMPTY : type;
        value = value == null ? Code.EMPTY : value;
    }
}
