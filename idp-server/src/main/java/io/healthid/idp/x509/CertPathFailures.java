package io.healthid.idp.x509;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;

/**
 * Maps a PKIX failure to its one certificate failure. Validity and revocation failures keep their own codes whichever
 * certificate of the path failed (an expired CA is as fatal as an expired leaf; the detail says which); every other
 * failure (no trust anchor, bad signature, name chaining, CA constraints, algorithm) means the certificate does not chain to
 * IGC-Santé: UNTRUSTED_ISSUER.
 */
final class CertPathFailures {

    private CertPathFailures() {
    }

    static CertificateFailure failureOf(CertPathValidatorException failure) {
        if (failure.getReason() instanceof BasicReason reason) {
            switch (reason) {
                case EXPIRED:
                    return CertificateFailure.EXPIRED;
                case NOT_YET_VALID:
                    return CertificateFailure.NOT_YET_VALID;
                case REVOKED:
                    return CertificateFailure.REVOKED;
                case UNDETERMINED_REVOCATION_STATUS:
                    return CertificateFailure.REVOCATION_UNKNOWN;
                default:
                    return CertificateFailure.UNTRUSTED_ISSUER;
            }
        }
        return CertificateFailure.UNTRUSTED_ISSUER;
    }
}
