package io.healthid.rpps.idnat;

/** The Luhn (mod 10) check used by RPPS and by ADELI numbers. */
public final class Luhn {

    private Luhn() {
    }

    /** True when the digit string, including its last (check) digit, satisfies the Luhn rule. */
    public static boolean isValid(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** The check digit to append to {@code body} so that the whole satisfies the Luhn rule. */
    public static char checkDigit(CharSequence body) {
        for (char c = '0'; c <= '9'; c++) {
            if (isValid(body + String.valueOf(c))) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a digit string: " + body);
    }
}
