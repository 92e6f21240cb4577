package io.healthid.rpps.idnat;

import java.util.Locale;
import java.util.Objects;

/**
 * A national person identifier (idNat_PS): a type digit followed by the number in its register. Kept as a string
 * (leading zeros matter).
 *
 * <ul>
 *   <li>{@code 8} + 11-digit RPPS, last digit a Luhn check digit; a bare 11-digit RPPS (not starting with {@code 8}
 *       or {@code 0}) is normalised to {@code 8}+RPPS;
 *   <li>{@code 0} + 9-character ADELI (all-digit ADELI numbers carry a Luhn key too; Corsican ones may hold
 *       {@code A}/{@code B} and are not checked);
 *   <li>{@code 3} / {@code 5} + FINESS / SIRET based ids of structure staff ({@code 5<SIRET>/<internal id>}).
 * </ul>
 */
public record NationalId(NationalIdType type, String value) {

    private static final int RPPS_LENGTH = 11;
    private static final int ADELI_LENGTH = 9;
    private static final int FINESS_LENGTH = 9;
    private static final int SIRET_LENGTH = 14;

    public NationalId {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** Strict parse, for user input: the RPPS/ADELI check digit is enforced. */
    public static ParsedNationalId parse(String raw) {
        return parse(raw, CheckDigitPolicy.ENFORCE);
    }

    public static ParsedNationalId parse(String raw, CheckDigitPolicy policy) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            return invalid(raw, InvalidReason.EMPTY);
        }
        if (s.length() == RPPS_LENGTH && allDigits(s) && s.charAt(0) != '8' && s.charAt(0) != '0') {
            // a bare RPPS number, as printed on prescriptions; RPPS numbers do not start with 8 or 0, so 11 digits
            // starting with a type digit are an idNat missing a digit
            return rpps(raw, s, policy);
        }
        char prefix = s.charAt(0);
        String rest = s.substring(1);
        return switch (prefix) {
            case '8' -> {
                if (!allDigits(rest)) {
                    yield invalid(raw, InvalidReason.BAD_CHARACTERS);
                }
                yield rest.length() == RPPS_LENGTH ? rpps(raw, rest, policy) : invalid(raw, InvalidReason.BAD_LENGTH);
            }
            case '0' -> adeli(raw, rest, policy);
            case '3' -> structureStaff(raw, rest, NationalIdType.FINESS_STRUCTURE, FINESS_LENGTH);
            case '5' -> structureStaff(raw, rest, NationalIdType.SIRET_STRUCTURE, SIRET_LENGTH);
            default -> invalid(raw, isAlphanumeric(s) ? InvalidReason.UNKNOWN_TYPE : InvalidReason.BAD_CHARACTERS);
        };
    }

    /** Strict parse that throws {@link InvalidNationalIdException}. */
    public static NationalId of(String raw) {
        return parse(raw).orElseThrow();
    }

    /** The idNat as written in files, tokens and claims: type digit + number. */
    public String idNat() {
        return type.prefix() + value;
    }

    /** The number without its type digit (the RPPS number, the ADELI number, ...). */
    public String number() {
        return value;
    }

    @Override
    public String toString() {
        return idNat();
    }

    private static ParsedNationalId rpps(String raw, String number, CheckDigitPolicy policy) {
        if (policy == CheckDigitPolicy.ENFORCE && !Luhn.isValid(number)) {
            return invalid(raw, InvalidReason.BAD_CHECK_DIGIT);
        }
        return new ParsedNationalId.Valid(new NationalId(NationalIdType.RPPS, number));
    }

    private static ParsedNationalId adeli(String raw, String number, CheckDigitPolicy policy) {
        if (!isAlphanumeric(number)) {
            return invalid(raw, InvalidReason.BAD_CHARACTERS);
        }
        if (number.length() != ADELI_LENGTH) {
            return invalid(raw, InvalidReason.BAD_LENGTH);
        }
        if (policy == CheckDigitPolicy.ENFORCE && allDigits(number) && !Luhn.isValid(number)) {
            return invalid(raw, InvalidReason.BAD_CHECK_DIGIT);
        }
        return new ParsedNationalId.Valid(new NationalId(NationalIdType.ADELI, number.toUpperCase(Locale.ROOT)));
    }

    /** Structure staff ids: registry number, optionally followed by {@code /} and an internal id. */
    private static ParsedNationalId structureStaff(String raw, String rest, NationalIdType type, int registryLength) {
        int slash = rest.indexOf('/');
        String registry = slash < 0 ? rest : rest.substring(0, slash);
        String internal = slash < 0 ? "" : rest.substring(slash + 1);
        if (!isAlphanumeric(registry) || (!internal.isEmpty() && !isPrintableId(internal))) {
            return invalid(raw, InvalidReason.BAD_CHARACTERS);
        }
        if (registry.length() != registryLength || (slash >= 0 && internal.isEmpty())) {
            return invalid(raw, InvalidReason.BAD_LENGTH);
        }
        return new ParsedNationalId.Valid(new NationalId(type, rest));
    }

    private static ParsedNationalId invalid(String raw, InvalidReason reason) {
        return new ParsedNationalId.Invalid(raw, reason);
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static boolean isAlphanumeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPrintableId(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }
}
