package io.healthid.rpps.sync;

/** A delta sync that wrote nothing: the directory readers see is unchanged. */
public class DirectorySyncException extends RuntimeException {

    /** Why nothing was written. */
    public enum Reason {
        /** Older than the history the API keeps: only a full import can close the gap. */
        SINCE_TOO_OLD,
        SINCE_IN_THE_FUTURE,
        /** No {@code since} given and no previous sync recorded. */
        NEVER_SYNCED,
        /** The Annuaire Santé API failed (the cause is an {@link io.healthid.rpps.fhir.AnnuaireSanteException}). */
        API_FAILED,
        /** A full import or another sync holds the directory lock. */
        DIRECTORY_BUSY,
        DATABASE_FAILED
    }

    private final Reason reason;

    public DirectorySyncException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public DirectorySyncException(Reason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
