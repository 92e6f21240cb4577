package io.healthid.idp.ecps;

import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.rpps.idnat.Luhn;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Enrols a test phone the way the card activation page does (a code minted for a person the card proved), for a
 * fresh synthetic person when the test needs limits and locks of its own.
 */
public final class EcpsEnrolment {

    private EcpsEnrolment() {
    }

    /** A well-formed idNat nobody else in the suite uses: {@code 8} + 10 random digits + Luhn key. */
    public static String freshNationalId() {
        String body = "7" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        for (int key = 0; key < 10; key++) {
            if (Luhn.isValid(body + key)) {
                return "8" + body + key;
            }
        }
        throw new IllegalStateException("no Luhn key");
    }

    public static TestDevice enrol(ActivationStore activations, String issuer, String nationalId) {
        return enrol(activations, new TestDevice(issuer), nationalId);
    }

    /** Enrols {@code phone} (closed if the enrolment fails). */
    public static TestDevice enrol(ActivationStore activations, TestDevice phone, String nationalId) {
        String code = activations.saveCardCode(nationalId, Duration.ofSeconds(90)).block();
        var result = phone.register(Map.of("activationCode", code), "android", "14", "2.3.0");
        if (result.getStatus().value() != 201) {
            phone.close();
            throw new AssertionError("enrolment failed: " + result.getResponseBody());
        }
        return phone;
    }
}
