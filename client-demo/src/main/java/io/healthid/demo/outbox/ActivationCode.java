package io.healthid.demo.outbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The e-CPS activation code of a message: its only run of exactly six digits (the device API's contract). */
public final class ActivationCode {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");

    private ActivationCode() {
    }

    /** The code, or empty when the text holds no run of six digits or more than one. */
    public static Optional<String> in(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = SIX_DIGITS.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String code = matcher.group();
        return matcher.find() ? Optional.empty() : Optional.of(code);
    }
}
