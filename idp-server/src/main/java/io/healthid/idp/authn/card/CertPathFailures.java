package io.healthid.idp.authn.card;

import io.healthid.idp.authn.ReasonCode;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;

/**
 * Maps a PKIX failure to its one reason code. Validity and revocation failures keep their own codes whichever
 * certificate of the path failed (an expired CA is as fatal as an expired card; the detail says which); every other
 * failure (no trust anchor, bad signature, name chaining, CA constraints, algorithm) means the card does not chain to
 * IGC-Santé: CARD_UNTRUSTED_ISSUER.
 */
final class CertPathFailures {

    private CertPathFailures() {
    }

    static ReasonCode reasonFor(CertPathValidatorException failure) {
        if (failure.getReason() instanceof BasicReason reason) {
            switch (reason) {
                case EXPIRED:
                    return ReasonCode.CARD_EXPIRED;
                case NOT_YET_VALID:
                    return ReasonCode.CARD_NOT_YET_VALID;
                case REVOKED:
                    return ReasonCode.CARD_REVOKED;
                case UNDETERMINED_REVOCATION_STATUS:
                    return ReasonCode.CARD_REVOCATION_UNKNOWN;
                default:
                    return ReasonCode.CARD_UNTRUSTED_ISSUER;
            }
        }
        return ReasonCode.CARD_UNTRUSTED_ISSUER;
    }
}
