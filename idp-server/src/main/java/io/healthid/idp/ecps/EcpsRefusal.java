package io.healthid.idp.ecps;

import io.healthid.idp.model.ReasonCode;
import org.springframework.http.HttpStatus;

/**
 * Why a device API request is refused: the reason code the phone shows and operators count, and the HTTP status it
 * travels with. Thrown inside the e-CPS services and turned into {@code {"error","reason"}} by {@link EcpsResponses}.
 */
public final class EcpsRefusal extends RuntimeException {

    private final ReasonCode reason;
    private final HttpStatus status;

    public EcpsRefusal(ReasonCode reason) {
        this(reason, statusOf(reason));
    }

    public EcpsRefusal(ReasonCode reason, HttpStatus status) {
        super(reason.name(), null, false, false);
        this.reason = reason;
        this.status = status;
    }

    public ReasonCode reason() {
        return this.reason;
    }

    public HttpStatus status() {
        return this.status;
    }

    /** The OAuth-style error word for the status (RFC 6749 section 5.2 spirit, RFC 9449 for proofs). */
    public String error() {
        return switch (this.status) {
            case UNAUTHORIZED -> "invalid_dpop_proof";
            case FORBIDDEN -> "access_denied";
            case NOT_FOUND -> "not_found";
            case CONFLICT -> "replayed";
            case GONE -> "expired";
            case TOO_MANY_REQUESTS -> "rate_limited";
            case SERVICE_UNAVAILABLE -> "temporarily_unavailable";
            default -> "invalid_request";
        };
    }

    static HttpStatus statusOf(ReasonCode reason) {
        return switch (reason) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case ECPS_REPLAY -> HttpStatus.CONFLICT;
            case ECPS_TIMEOUT, SESSION_EXPIRED -> HttpStatus.GONE;
            case DIRECTORY_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case DIRECTORY_UNAVAILABLE, ECPS_PUSH_UNDELIVERABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case ECPS_LOCKED, ECPS_DEVICE_REVOKED, ECPS_DEVICE_EXPIRED, ECPS_OS_TOO_OLD, ECPS_APP_TOO_OLD,
                    ECPS_DENIED, ACTIVATION_CARD_ONLY, ACTIVATION_NO_CORRESPONDENCE, ACTIVATION_MSSANTE_ADDRESS,
                    DIRECTORY_NOT_ELIGIBLE -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.BAD_REQUEST;
        };
    }
}
