package io.healthid.idp.authn.card;

import io.healthid.idp.model.ReasonCode;
import java.util.Objects;

/** The outcome of validating a presented card certificate: the holder, or exactly one reason code. */
public sealed interface CardValidationResult {

    /**
     * A card fit for login.
     *
     * @param revocationChecked false only when the revocation mode is OFF, or FAIL_OPEN and no current CRL could be
     *        had: audit this, it is the one way a revoked card gets in
     */
    record Accepted(CardHolder holder, boolean revocationChecked) implements CardValidationResult {

        public Accepted {
            Objects.requireNonNull(holder, "holder");
        }
    }

    /**
     * A refused certificate.
     *
     * @param reason one of the CARD_* codes
     * @param detail for operators' logs: what failed and on which certificate (subject and serial), never the
     *        certificate itself
     */
    record Rejected(ReasonCode reason, String detail) implements CardValidationResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
