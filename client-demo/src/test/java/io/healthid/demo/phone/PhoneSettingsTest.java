package io.healthid.demo.phone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PhoneSettingsTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void settingsWhenClockOffForAnswersOnlyThenProofsStayOnTime() {
        PhoneSettings late = PhoneSettings.parse("-300", false, "0").orElseThrow();
        assertThat(late.answerTime(NOW)).isEqualTo(NOW.minusSeconds(300));
        assertThat(late.proofTime(NOW)).isEqualTo(NOW);
        assertThat(late.accurate()).isFalse();
    }

    @Test
    void settingsWhenWholePhoneClockOffThenProofsShiftedToo() {
        PhoneSettings ahead = PhoneSettings.parse("90", true, "").orElseThrow();
        assertThat(ahead.proofTime(NOW)).isEqualTo(NOW.plusSeconds(90));
        assertThat(ahead.answerDelay()).isZero();
    }

    @Test
    void settingsWhenBlankThenAccurate() {
        assertThat(PhoneSettings.parse("", false, " ")).contains(PhoneSettings.ACCURATE);
    }

    @Test
    void settingsWhenNotNumbersOrOutOfBoundsThenRefused() {
        assertThat(PhoneSettings.parse("abc", false, "0")).isEmpty();
        assertThat(PhoneSettings.parse("0", false, "-1")).isEmpty();
        assertThat(PhoneSettings.parse("0", false, "601")).isEmpty();
        assertThat(PhoneSettings.parse("86401", false, "0")).isEmpty();
        assertThat(PhoneSettings.parse("-86400", false, "600")).hasValueSatisfying(settings ->
                assertThat(settings.answerDelay()).isEqualTo(Duration.ofMinutes(10)));
    }
}
