package io.healthid.rpps.idnat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdTest {

    /** RPPS numbers of real rows of the ANS sample files (public 2021 excerpt and PSC extraction samples). */
    @ParameterizedTest
    @ValueSource(strings = {"810106476764", "810107592585", "810107592544", "810100375103"})
    void parseWhenRealRppsFromAnsFilesThenLuhnHolds(String idNat) {
        NationalId id = NationalId.of(idNat);

        assertThat(id.type()).isEqualTo(NationalIdType.RPPS);
        assertThat(id.idNat()).isEqualTo(idNat);
        assertThat(id.number()).isEqualTo(idNat.substring(1));
    }

    /** ADELI numbers of the 2021 excerpt all satisfy Luhn too. */
    @ParameterizedTest
    @ValueSource(strings = {"0010001949", "0012600631", "0018602292", "0019200575", "0022802631"})
    void parseWhenRealAdeliThenAccepted(String idNat) {
        assertThat(NationalId.of(idNat).type()).isEqualTo(NationalIdType.ADELI);
    }

    @Test
    void parseWhenBareRppsThenNormalisedWithTypeDigit() {
        assertThat(NationalId.of("10106476764").idNat()).isEqualTo("810106476764");
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "'   ', EMPTY",
        "81010647676, BAD_LENGTH",
        "8101064767641, BAD_LENGTH",
        "81010647676A, BAD_CHARACTERS",
        "810106476765, BAD_CHECK_DIGIT",
        // the PSC extraction sample's 'Identifiant PP' 10107582544 is a typo of 10107592544: Luhn catches it
        "810107582544, BAD_CHECK_DIGIT",
        "0001, BAD_LENGTH",
        "0010001948, BAD_CHECK_DIGIT",
        "0010-01949, BAD_CHARACTERS",
        "912345678901, UNKNOWN_TYPE",
        "1, UNKNOWN_TYPE",
        "8 10106476764, BAD_CHARACTERS",
        "31234567, BAD_LENGTH"
    })
    void parseWhenInvalidThenRejectsWithReason(String input, InvalidReason reason) {
        ParsedNationalId parsed = NationalId.parse(input);

        assertThat(parsed).isInstanceOfSatisfying(ParsedNationalId.Invalid.class,
                invalid -> assertThat(invalid.reason()).isEqualTo(reason));
    }

    @Test
    void parseWhenRppsCheckDigitWrongAndPolicyIgnoreThenAccepted() {
        // ANS's own fixtures (IG example 810003461033, PSC test person 800000000001) break the rule
        assertThat(NationalId.parse("800000000001", CheckDigitPolicy.IGNORE).isValid()).isTrue();
        assertThat(NationalId.parse("800000000001").isValid()).isFalse();
    }

    @Test
    void parseWhenStructureStaffIdsThenRecognisedAsSuch() {
        NationalId siret = NationalId.of("512345678900011/CPA001");
        NationalId finess = NationalId.of("3750000019/AB12");

        assertThat(siret.type()).isEqualTo(NationalIdType.SIRET_STRUCTURE);
        assertThat(siret.type().isPerson()).isFalse();
        assertThat(siret.idNat()).isEqualTo("512345678900011/CPA001");
        assertThat(finess.type()).isEqualTo(NationalIdType.FINESS_STRUCTURE);
    }

    @Test
    void ofWhenInvalidThenExceptionCarriesTheReason() {
        assertThatThrownBy(() -> NationalId.of("810106476765"))
                .isInstanceOfSatisfying(InvalidNationalIdException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidReason.BAD_CHECK_DIGIT));
    }

    @Test
    void checkDigitWhenComputedThenValidatesAgainstLuhn() {
        assertThat(Luhn.checkDigit("1010647676")).isEqualTo('4');
        assertThat(Luhn.isValid("10106476764")).isTrue();
        assertThat(Luhn.isValid("10106476765")).isFalse();
    }
}
