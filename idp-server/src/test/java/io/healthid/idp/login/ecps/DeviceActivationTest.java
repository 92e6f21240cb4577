package io.healthid.idp.login.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.EcpsTestServices;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/**
 * Activation by correspondence data and device registration, driven as the phone drives them: codes arrive by real
 * SMTP (GreenMail) and through the SMS gateway (WireMock), each as the only run of six digits of its text.
 */
@IdpIntegrationTest
class DeviceActivationTest {

    @Autowired
    private Issuer issuer;

    private TestDevice phone;

    @BeforeAll
    static void outsideServices() {
        EcpsTestServices.start();
    }

    @AfterEach
    void closePhone() {
        if (this.phone != null) {
            this.phone.close();
        }
    }

    @Test
    void activationWhenBothCodesGivenThenDeviceRegisteredAndCodesSingleUse() {
        this.phone = new TestDevice(this.issuer.value());
        EntityExchangeResult<String> started = this.phone.startActivation("819990000010");
        assertThat(started.getStatus().value()).isEqualTo(202);
        JsonNode activation = TestDevice.json(started);
        assertThat(activation.path("expiresIn").asLong()).isEqualTo(600);

        String emailCode = EcpsTestServices.lastEmailCode("sophie.martin@example.org");
        String smsCode = EcpsTestServices.lastSmsCode(mobileOf("819990000010"));
        EntityExchangeResult<String> registered = this.phone.completeActivation(activation.path("activationId").asString(),
                emailCode, smsCode);

        assertThat(registered.getStatus().value()).isEqualTo(201);
        JsonNode device = TestDevice.json(registered);
        assertThat(device.path("nationalId").asString()).isEqualTo("819990000010");
        assertThat(Instant.parse(device.path("expiresAt").asString())).isAfter(Instant.now().plus(Duration.ofDays(300)));
        assertThat(device.path("deviceId").asString()).isNotBlank();

        try (TestDevice thief = new TestDevice(this.issuer.value())) {
            EntityExchangeResult<String> again = thief.completeActivation(activation.path("activationId").asString(), emailCode, smsCode);
            assertThat(again.getStatus().value()).isEqualTo(400);
            assertThat(TestDevice.json(again).path("reason").asString()).isEqualTo(ReasonCode.ACTIVATION_CODE_INVALID.name());
        }
    }

    @Test
    void registrationWhenOneCodeWrongThenRefusedAndTooManyWrongCodesVoidTheActivation() {
        this.phone = new TestDevice(this.issuer.value());
        String activationId = TestDevice.json(this.phone.startActivation("819990000036")).path("activationId").asString();
        String emailCode = EcpsTestServices.lastEmailCode("emma.dubois@example.org");
        String smsCode = EcpsTestServices.lastSmsCode(mobileOf("819990000036"));
        String wrong = emailCode.equals("000000") ? "000001" : "000000";

        for (int attempt = 0; attempt < 5; attempt++) {
            EntityExchangeResult<String> refused = this.phone.completeActivation(activationId, wrong, smsCode);
            assertThat(refused.getStatus().value()).isEqualTo(400);
            assertThat(TestDevice.json(refused).path("reason").asString()).isEqualTo("ACTIVATION_CODE_INVALID");
        }
        // the right codes come too late: five wrong ones voided the activation
        assertThat(this.phone.completeActivation(activationId, emailCode, smsCode).getStatus().value()).isEqualTo(400);
    }

    @Test
    void activationWhenPersonCannotActivateByCorrespondenceThenReasonSaysWhy() {
        this.phone = new TestDevice(this.issuer.value());
        assertRefused(this.phone.startActivation("0759300015"), 403, ReasonCode.ACTIVATION_CARD_ONLY);
        assertRefused(this.phone.startActivation("819990000051"), 403, ReasonCode.ACTIVATION_MSSANTE_ADDRESS);
        assertRefused(this.phone.startActivation("819990000069"), 403, ReasonCode.DIRECTORY_NOT_ELIGIBLE);
        assertRefused(this.phone.startActivation("810000000009"), 404, ReasonCode.DIRECTORY_NOT_FOUND);
        assertRefused(this.phone.startActivation("81999000001"), 400, ReasonCode.DIRECTORY_NOT_FOUND);
        assertThat(EcpsTestServices.emailsTo("paul.robert@infirmier.mssante.fr")).isZero();
    }

    @Test
    void activationWhenBodyMalformedThen400NeverA500() {
        this.phone = new TestDevice(this.issuer.value());
        assertThat(this.phone.send("POST", "/ecps/v1/activations", "{not json", false).getStatus().value()).isEqualTo(400);
        assertThat(this.phone.send("POST", "/ecps/v1/activations", Map.of("nationalId", 42), false).getStatus().value()).isEqualTo(400);
        assertThat(this.phone.send("POST", "/ecps/v1/devices", Map.of("activationCode", "X"), false).getStatus().value())
            .isEqualTo(400);
    }

    @Test
    void registrationWhenPhoneTooOldOrPushElsewhereThenRefusedAndCodesStillUsable() {
        this.phone = new TestDevice(this.issuer.value());
        String activationId = TestDevice.json(this.phone.startActivation("819990000028")).path("activationId").asString();
        Map<String, Object> codes = Map.of("activationId", activationId,
                "emailCode", EcpsTestServices.lastEmailCode("luc.bernard@example.org"),
                "smsCode", EcpsTestServices.lastSmsCode(mobileOf("819990000028")));

        assertRefused(this.phone.register(codes, "android", "7.1.2", "2.3.0"), 403, ReasonCode.ECPS_OS_TOO_OLD);
        assertRefused(this.phone.register(codes, "android", "14", "0.9"), 403, ReasonCode.ECPS_APP_TOO_OLD);
        Map<String, Object> elsewhere = new HashMap<>(codes);
        elsewhere.put("push", Map.of("type", "webhook", "url", "http://attacker.example/collect"));
        assertRefused(this.phone.register(elsewhere, "android", "14", "2.3.0"), 400, ReasonCode.ECPS_PUSH_UNDELIVERABLE);
        Map<String, Object> fcmWithoutGateway = new HashMap<>(codes);
        fcmWithoutGateway.put("push", Map.of("type", "fcm", "token", "abc"));
        assertRefused(this.phone.register(fcmWithoutGateway, "ios", "17.2", "2.3.0"), 400, ReasonCode.ECPS_PUSH_UNDELIVERABLE);
        assertThat(this.phone.register(codes, "ios", "abc", "2.3.0").getStatus().value()).isEqualTo(400);

        assertThat(this.phone.register(codes, "android", "8.0", "2.3.0").getStatus().value()).isEqualTo(201);
    }

    @Test
    void registrationWhenPublicKeyCarriesPrivatePartThenRefused() {
        this.phone = new TestDevice(this.issuer.value());
        Map<String, Object> body = new HashMap<>();
        body.put("activationCode", "ABCDEFGHJK");
        body.put("publicKey", this.phone.key().toJSONObject());
        body.put("platform", "android");
        body.put("osVersion", "14");
        body.put("appVersion", "2.3.0");
        body.put("push", Map.of("type", "webhook", "url", this.phone.webhookUrl()));
        assertThat(this.phone.send("POST", "/ecps/v1/devices", body, false).getStatus().value()).isEqualTo(400);
    }

    /** The sample directory's correspondence mobiles, as the gateway receives them (E.164). */
    static String mobileOf(String nationalId) {
        return Map.of("819990000010", "+33600000001", "819990000028", "+33600000002", "819990000036", "+33600000003")
            .get(nationalId);
    }

    private static void assertRefused(EntityExchangeResult<String> result, int status, ReasonCode reason) {
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        JsonNode body = TestDevice.json(result);
        assertThat(body.path("reason").asString()).isEqualTo(reason.name());
        assertThat(body.path("error").asString()).isNotBlank();
    }
}
