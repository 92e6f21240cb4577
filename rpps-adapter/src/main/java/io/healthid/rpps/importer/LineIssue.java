package io.healthid.rpps.importer;

/** A line that was skipped (or accepted with a warning), for the import report. */
public record LineIssue(String source, long lineNumber, Reason reason, String detail) {

    public enum Reason {
        /** Not as many fields as the header (a row cut or with an unescaped {@code |}). */
        WRONG_FIELD_COUNT,
        /** Longer than the configured maximum; skipped without being read into memory. */
        LINE_TOO_LONG,
        /** The idNat is empty, has a bad length or characters, or an unknown type digit. */
        INVALID_NATIONAL_ID,
        /** Warning only: the idNat breaks the Luhn rule; kept, because ANS is the authority on its ids. */
        CHECK_DIGIT_MISMATCH
    }
}
