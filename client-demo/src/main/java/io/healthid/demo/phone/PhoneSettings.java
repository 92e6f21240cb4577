package io.healthid.demo.phone;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the simulated phone misbehaves, so every failure of the identity provider can be seen: a clock off (the
 * {@code iat} of its answers, and optionally of its DPoP proofs, shifted), or an answer sent late.
 *
 * @param clockOffset how far the phone's clock is from the real time (negative: late)
 * @param offsetProofs the DPoP proofs carry the wrong time too, as on a real phone: the identity provider then refuses
 *        the request itself ({@code 401 ECPS_CLOCK_SKEW}) and the browser only sees the time run out
 * @param answerDelay how long after the tap the answer leaves the phone
 */
public record PhoneSettings(Duration clockOffset, boolean offsetProofs, Duration answerDelay) {

    public static final PhoneSettings ACCURATE = new PhoneSettings(Duration.ZERO, false, Duration.ZERO);
    static final Duration MAX_OFFSET = Duration.ofDays(1);
    static final Duration MAX_DELAY = Duration.ofMinutes(10);

    /** From the settings form (whole seconds); empty when a value is not a number or out of bounds. */
    public static Optional<PhoneSettings> parse(String clockOffsetSeconds, boolean offsetProofs, String answerDelaySeconds) {
        try {
            Duration offset = Duration.ofSeconds(Long.parseLong(blankAsZero(clockOffsetSeconds)));
            Duration delay = Duration.ofSeconds(Long.parseLong(blankAsZero(answerDelaySeconds)));
            if (offset.abs().compareTo(MAX_OFFSET) > 0 || delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
                return Optional.empty();
            }
            return Optional.of(new PhoneSettings(offset, offsetProofs, delay));
        }
        catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /** The {@code iat} the phone puts in an answer signed now. */
    public Instant answerTime(Instant now) {
        return now.plus(this.clockOffset);
    }

    /** The {@code iat} of a DPoP proof made now. */
    public Instant proofTime(Instant now) {
        return this.offsetProofs ? now.plus(this.clockOffset) : now;
    }

    public boolean accurate() {
        return this.equals(ACCURATE);
    }

    private static String blankAsZero(String value) {
        return value == null || value.isBlank() ? "0" : value.strip();
    }
}
