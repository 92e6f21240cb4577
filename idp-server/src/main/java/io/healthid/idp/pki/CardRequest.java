package io.healthid.idp.pki;

import io.healthid.idp.model.CardType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to put in a card certificate. Nominative cards (CPS, CPF) name a person: surname, given name and profession
 * label ({@code title}). Structure staff cards (CPE, CDE, CPA) name a structure: its identifier, name and city; their
 * national identifier is {@code 3<FINESS>/<id>} or {@code 5<SIRET>/<id>}.
 *
 * <p>Validity and key purpose default to a valid login certificate; the failure fixtures override them.
 */
public final class CardRequest {

    private final CardType type;
    private final String nationalId;
    private final String surname;
    private final String givenName;
    private final String title;
    private final String structureId;
    private final String structureName;
    private final String city;
    private final Instant notBefore;
    private final Instant notAfter;
    private final KeyPurpose purpose;

    private CardRequest(Builder builder) {
        this.type = builder.type;
        this.nationalId = builder.nationalId;
        this.surname = builder.surname;
        this.givenName = builder.givenName;
        this.title = builder.title;
        this.structureId = builder.structureId;
        this.structureName = builder.structureName;
        this.city = builder.city;
        this.notBefore = builder.notBefore;
        this.notAfter = builder.notAfter;
        this.purpose = builder.purpose;
    }

    /** A CPS or CPF: {@code SN=<surname>+CN=<idNat>+GN=<givenName>, title=<title>, C=FR}. */
    public static Builder nominative(CardType type, String nationalId, String surname, String givenName, String title) {
        if (type.isStructureStaff()) {
            throw new IllegalArgumentException(type + " is a structure staff card, not a nominative one");
        }
        Builder builder = new Builder(type, nationalId);
        builder.surname = Objects.requireNonNull(surname, "surname");
        builder.givenName = Objects.requireNonNull(givenName, "givenName");
        builder.title = Objects.requireNonNull(title, "title");
        return builder;
    }

    /** A CPE, CDE or CPA: {@code CN=<idNat>, OU=<structureId>, O=<structureName>, L=<city>, C=FR}. */
    public static Builder structureStaff(CardType type, String nationalId, String structureId, String structureName,
            String city) {
        if (!type.isStructureStaff()) {
            throw new IllegalArgumentException(type + " is a nominative card, not a structure staff one");
        }
        if (nationalId.indexOf('/') < 1) {
            throw new IllegalArgumentException("a structure staff idNat is 3<FINESS>/<id> or 5<SIRET>/<id>");
        }
        Builder builder = new Builder(type, nationalId);
        builder.structureId = Objects.requireNonNull(structureId, "structureId");
        builder.structureName = Objects.requireNonNull(structureName, "structureName");
        builder.city = Objects.requireNonNull(city, "city");
        return builder;
    }

    public CardType type() {
        return this.type;
    }

    public String nationalId() {
        return this.nationalId;
    }

    public Optional<String> surname() {
        return Optional.ofNullable(this.surname);
    }

    public Optional<String> givenName() {
        return Optional.ofNullable(this.givenName);
    }

    public Optional<String> title() {
        return Optional.ofNullable(this.title);
    }

    public Optional<String> structureId() {
        return Optional.ofNullable(this.structureId);
    }

    public Optional<String> structureName() {
        return Optional.ofNullable(this.structureName);
    }

    public Optional<String> city() {
        return Optional.ofNullable(this.city);
    }

    /** Empty: from the PKI's clock (minus a little skew allowance). */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(this.notBefore);
    }

    /** Empty: {@code notBefore} plus the PKI's card validity. */
    public Optional<Instant> notAfter() {
        return Optional.ofNullable(this.notAfter);
    }

    public KeyPurpose purpose() {
        return this.purpose;
    }

    /** The SAN UPN every card carries: {@code <TRE_G02 code>.<idNat>@carte-cps.fr}. */
    public String userPrincipalName() {
        return this.type.treG02Code() + "." + this.nationalId + "@carte-cps.fr";
    }

    public static final class Builder {

        private final CardType type;
        private final String nationalId;
        private String surname;
        private String givenName;
        private String title;
        private String structureId;
        private String structureName;
        private String city;
        private Instant notBefore;
        private Instant notAfter;
        private KeyPurpose purpose = KeyPurpose.AUTHENTICATION;

        private Builder(CardType type, String nationalId) {
            this.type = Objects.requireNonNull(type, "type");
            this.nationalId = Objects.requireNonNull(nationalId, "nationalId");
        }

        public Builder validity(Instant notBefore, Instant notAfter) {
            if (!notBefore.isBefore(notAfter)) {
                throw new IllegalArgumentException("notBefore must precede notAfter");
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder purpose(KeyPurpose purpose) {
            this.purpose = Objects.requireNonNull(purpose, "purpose");
            return this;
        }

        public CardRequest build() {
            return new CardRequest(this);
        }
    }
}
