package io.healthid.idp.x509;

/**
 * Why a client certificate was refused, in X.509 terms. Each caller maps it to its own vocabulary: the card
 * authenticator to the {@code CARD_*} reason codes, client authentication to {@code invalid_client}.
 */
public enum CertificateFailure {
    NO_CERTIFICATE,
    EXPIRED,
    NOT_YET_VALID,
    REVOKED,
    REVOCATION_UNKNOWN,
    /** No path to a trust anchor through a configured issuer (bad signature, name chaining, CA constraints...). */
    UNTRUSTED_ISSUER,
    /** Not a client-authentication certificate (key usage, extended key usage). */
    NOT_FOR_CLIENT_AUTH
}
