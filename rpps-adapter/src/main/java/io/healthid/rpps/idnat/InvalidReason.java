package io.healthid.rpps.idnat;

/** Why a string is not a national identifier. */
public enum InvalidReason {
    EMPTY,
    BAD_LENGTH,
    BAD_CHARACTERS,
    BAD_CHECK_DIGIT,
    UNKNOWN_TYPE
}
