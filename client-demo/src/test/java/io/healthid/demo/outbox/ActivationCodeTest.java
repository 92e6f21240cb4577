package io.healthid.demo.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActivationCodeTest {

    @Test
    void codeWhenTextHoldsOneRunOfSixDigitsThenThatRun() {
        assertThat(ActivationCode.in("Code d'activation e-CPS : 042917 (valable 10 min).")).contains("042917");
        assertThat(ActivationCode.in("042917")).contains("042917");
    }

    @Test
    void codeWhenNoRunOrSeveralOrLongerRunThenNone() {
        assertThat(ActivationCode.in("valable 10 min")).isEmpty();
        assertThat(ActivationCode.in("123456 ou 654321")).isEmpty();
        assertThat(ActivationCode.in("+33600000002")).isEmpty();
        assertThat(ActivationCode.in(null)).isEmpty();
    }
}
