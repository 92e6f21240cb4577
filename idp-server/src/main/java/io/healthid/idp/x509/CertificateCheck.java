package io.healthid.idp.x509;

import java.util.Objects;

/** The outcome of checking a client certificate's trust, validity, revocation and purpose. */
public sealed interface CertificateCheck {

    /**
     * @param revocationChecked false only when the revocation mode is OFF, or FAIL_OPEN and no current CRL could be
     *        had: audit this, it is the one way a revoked certificate gets in
     */
    record Trusted(boolean revocationChecked) implements CertificateCheck {
    }

    /**
     * @param detail for operators' logs: what failed and on which certificate (serial and issuer), never the
     *        certificate itself
     */
    record Refused(CertificateFailure failure, String detail) implements CertificateCheck {
        public Refused {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
