package io.healthid.rpps.fhir;

import java.util.List;

/** A failed call to the Annuaire Santé API, with the server's {@code OperationOutcome} issues when it sent some. */
public class AnnuaireSanteException extends RuntimeException {

    public enum Kind {
        /** 400/422: the request was refused (the issues say why). */
        BAD_REQUEST,
        /** 401/403: missing, wrong or revoked {@code ESANTE-API-KEY}. */
        UNAUTHORIZED,
        NOT_FOUND,
        /** 429 still returned after the retries. */
        RATE_LIMITED,
        /** 5xx still returned after the retries. */
        SERVER_ERROR,
        TIMEOUT,
        /** Connection refused, reset, DNS... after the retries. */
        UNREACHABLE,
        /** A response that is not the FHIR JSON expected. */
        INVALID_RESPONSE
    }

    /** One {@code OperationOutcome.issue}. */
    public record Issue(String severity, String code, String diagnostics) {
    }

    private final Kind kind;
    private final int status;
    private final List<Issue> issues;

    public AnnuaireSanteException(Kind kind, int status, String message, List<Issue> issues, Throwable cause) {
        super(kind + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + message
                + (issues.isEmpty() ? "" : " " + issues), cause);
        this.kind = kind;
        this.status = status;
        this.issues = List.copyOf(issues);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when there was no response. */
    public int status() {
        return status;
    }

    public List<Issue> issues() {
        return issues;
    }
}
