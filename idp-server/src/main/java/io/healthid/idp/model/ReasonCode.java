package io.healthid.idp.model;

/**
 * The closed vocabulary of authentication outcomes (glossary.md, architecture decision 6). Each code is a metric
 * label, an audit entry, a line for operators and a message that tells the person what to do next. Extend it
 * deliberately: dashboards and alerts count these values.
 */
public enum ReasonCode {

    OK("Authentication succeeded"),

    CARD_NO_CERTIFICATE("No client certificate was presented on the card listener"),
    CARD_EXPIRED("The card certificate is past its validity period"),
    CARD_NOT_YET_VALID("The card certificate is not valid yet"),
    CARD_REVOKED("The card certificate is revoked (listed in the CRL)"),
    CARD_REVOCATION_UNKNOWN("The card's revocation status could not be checked (CRL unavailable)"),
    CARD_UNTRUSTED_ISSUER("The certificate does not chain to a trusted IGC-Santé authority"),
    CARD_NOT_FOR_LOGIN("The certificate is not an authentication certificate (key usage)"),
    CARD_UNREADABLE_SUBJECT("The certificate subject carries no usable national identifier"),
    PROXY_HEADER_UNTRUSTED("A forwarded client certificate came from an address that is not a trusted proxy"),

    ECPS_NOT_ENROLLED("No e-CPS device is enrolled for this national identifier"),
    ECPS_DEVICE_EXPIRED("The enrolled device's registration has expired"),
    ECPS_DEVICE_REVOKED("The enrolled device was revoked"),
    ECPS_PUSH_UNDELIVERABLE("The push notification could not be delivered to the device"),
    ECPS_TIMEOUT("The person did not confirm on the device in time"),
    ECPS_DENIED("The person refused the request on the device"),
    ECPS_WRONG_NUMBER("The number chosen on the device did not match the one shown in the browser"),
    ECPS_BAD_SIGNATURE("The device's signature did not verify"),
    ECPS_REPLAY("A device response was replayed"),
    ECPS_CLOCK_SKEW("The device's clock is too far from the server's"),
    ECPS_APP_TOO_OLD("The e-CPS app version is below the minimum"),
    ECPS_OS_TOO_OLD("The device's operating system version is below the minimum"),
    ECPS_LOCKED("e-CPS is locked after repeated failures"),
    ACTIVATION_CARD_ONLY("The person is known only by ADELI: e-CPS activation needs the physical card"),
    ACTIVATION_NO_CORRESPONDENCE("The directory holds no correspondence e-mail or mobile for the person"),
    ACTIVATION_MSSANTE_ADDRESS("The correspondence e-mail is an MSSanté address, which cannot receive activation codes"),
    ACTIVATION_CODE_INVALID("An activation code was wrong, expired or already used"),
    RATE_LIMITED("Too many attempts from this client or for this identifier"),

    DIRECTORY_NOT_FOUND("The national identifier is not in the practitioner directory"),
    DIRECTORY_NOT_ELIGIBLE("The person is in the directory but not eligible for this means"),
    DIRECTORY_UNAVAILABLE("The practitioner directory could not be queried"),

    SESSION_EXPIRED("The login transaction expired before it completed"),
    USER_CANCELLED("The person cancelled the login");

    private final String operatorDescription;

    ReasonCode(String operatorDescription) {
        this.operatorDescription = operatorDescription;
    }

    public String operatorDescription() {
        return this.operatorDescription;
    }

    /** The key of what the person should do next, in {@code messages_fr} and {@code messages_en}. */
    public String messageKey() {
        return "reason." + name();
    }

    public boolean isSuccess() {
        return this == OK;
    }
}
