package io.healthid.idp.authn.card;

import io.healthid.idp.model.CardType;
import java.util.Objects;
import java.util.Optional;

/**
 * What a card certificate says about its holder.
 *
 * @param nationalId the idNat: {@code 8<RPPS>} or {@code 0<ADELI>} on nominative cards, {@code 5<SIRET>/<id>} or
 *        {@code 3<FINESS>/<id>} on structure staff cards
 * @param cardType the card type, from the certificate policy or else the UPN
 * @param surname the surname (SN), nominative cards only
 * @param givenName the given name (GN), nominative cards only
 */
public record CardSubject(String nationalId, CardType cardType, Optional<String> surname, Optional<String> givenName) {

    public CardSubject {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(cardType, "cardType");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(givenName, "givenName");
    }
}
