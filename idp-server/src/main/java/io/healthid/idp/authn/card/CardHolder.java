package io.healthid.idp.authn.card;

import io.healthid.idp.model.CardType;
import java.util.Objects;
import java.util.Optional;

/**
 * The person a validated card certificate names, and the certificate's thumbprint for certificate-bound tokens.
 *
 * @param nationalId the idNat, to look up in the directory (never trusted further than the directory says)
 * @param cardType CPS, CPF, CPE, CDE or CPA
 * @param surname nominative cards only
 * @param givenName nominative cards only
 * @param thumbprintS256 base64url SHA-256 of the certificate's DER, the {@code cnf.x5t#S256} value (RFC 8705 3.1)
 */
public record CardHolder(String nationalId, CardType cardType, Optional<String> surname, Optional<String> givenName,
        String thumbprintS256) {

    public CardHolder {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(cardType, "cardType");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenName, "givenName");
        Objects.requireNonNull(thumbprintS256, "thumbprintS256");
    }

    static CardHolder of(CardSubject subject, String thumbprintS256) {
        return new CardHolder(subject.nationalId(), subject.cardType(), subject.surname(), subject.givenName(),
                thumbprintS256);
    }
}
