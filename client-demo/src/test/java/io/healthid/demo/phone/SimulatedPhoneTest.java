package io.healthid.demo.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's phone against a device API that keeps what it receives: activation sends the public key only and
 * the phone's own webhook; a push is read with a DPoP proof of the device key; answers are signed with the phone's
 * clock, and a slow answer leaves only after its delay.
 */
class SimulatedPhoneTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final String WEBHOOKS = "http://localhost:8081/phone/push/";

    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeDeviceApi server = new FakeDeviceApi();
    private final DeviceApi api = new DeviceApi(WebClient.create(), this.server.issuer(), this.json, Duration.ofSeconds(10));
    private final Phones phones = new Phones();
    private final PhoneActivation activation = new PhoneActivation(this.api, this.phones, WEBHOOKS);

    @AfterEach
    void stop() {
        this.server.close();
    }

    @Test
    void activationWhenRegisteredThenOnlyThePublicKeyAndThePhonesWebhookAreSent() throws Exception {
        PhoneActivation.Outcome outcome = this.activation.register(
                new PhoneActivation.CorrespondenceCodes("activation-1", "111111", "222222"), DeviceDescription.RECENT_ANDROID).block();

        SimulatedPhone phone = outcome.phone();
        assertThat(phone.deviceId()).isEqualTo("device-1");
        assertThat(phone.nationalId()).isEqualTo("819990000028");
        assertThat(this.phones.all()).containsExactly(phone);
        FakeDeviceApi.Received sent = this.server.next();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /devices");
        assertThat(sent.dpop()).as("no device key is registered yet").isNull();
        JsonNode body = this.json.readTree(sent.body());
        assertThat(body.path("activationId").asString()).isEqualTo("activation-1");
        assertThat(body.path("emailCode").asString()).isEqualTo("111111");
        assertThat(body.path("smsCode").asString()).isEqualTo("222222");
        assertThat(body.path("platform").asString()).isEqualTo("android");
        assertThat(body.path("osVersion").asString()).isEqualTo("14");
        ECKey sentKey = ECKey.parse(body.path("publicKey").toString());
        assertThat(sentKey.isPrivate()).isFalse();
        assertThat(sentKey.computeThumbprint()).isEqualTo(phone.key().computeThumbprint());
        assertThat(body.path("push").path("type").asString()).isEqualTo("webhook");
        assertThat(body.path("push").path("url").asString()).isEqualTo(WEBHOOKS + phone.id());
    }

    @Test
    void activationWhenRefusedThenNoPhoneAndTheReasonCode() {
        PhoneActivation.Outcome outcome = this.activation.register(new PhoneActivation.CardCode("ABCDEFGHJK"),
                DeviceDescription.of("android", "7.1.2", "2.3.0").orElseThrow()).block();
        assertThat(outcome.phone()).isNull();
        assertThat(outcome.answer().status()).isEqualTo(403);
        assertThat(outcome.answer().reason()).isEqualTo("ECPS_OS_TOO_OLD");
        assertThat(this.phones.all()).isEmpty();
    }

    @Test
    @Tag("RFC9449-4.2")
    void pushWhenReadThenDpopOfTheDeviceKeyAndApprovalSignedWithThePhonesClock() throws Exception {
        SimulatedPhone phone = activated();
        phone.pushed("challenge-1", NOW);
        new NotificationReader(this.api, this.clock).readNew(phone).block();

        Notification shown = phone.notifications().get(0);
        assertThat(shown.awaitsAnswer()).isTrue();
        assertThat(shown.challenge().client()).isEqualTo("Démo Pro Santé Connect");
        assertThat(shown.challenge().numbers()).containsExactly(12, 34, 56);
        FakeDeviceApi.Received read = this.server.next();
        assertThat(read.method() + " " + read.path()).isEqualTo("GET /challenges/challenge-1");
        assertProof(read, phone, "GET", NOW);

        phone.settings(PhoneSettings.parse("-300", false, "0").orElseThrow());
        new PhoneAnswers(this.api, this.clock, Schedulers.immediate())
            .answer(phone, "challenge-1", SignedAnswer.Decision.APPROVE, 34).block();

        FakeDeviceApi.Received answered = this.server.next();
        assertProof(answered, phone, "POST", NOW);
        JWSObject answer = JWSObject.parse(this.json.readTree(answered.body()).path("response").asString());
        assertThat(answer.getHeader().getKeyID()).isEqualTo("device-1");
        assertThat(answer.verify(new ECDSAVerifier(phone.key().toPublicJWK()))).isTrue();
        Map<String, Object> claims = answer.getPayload().toJSONObject();
        assertThat(claims).containsEntry("number", 34L).containsEntry("iat", NOW.minusSeconds(300).getEpochSecond());
        assertThat(phone.notifications().get(0).answer().outcome()).isEqualTo("approved");
        assertThat(phone.notifications().get(0).awaitsAnswer()).isFalse();
    }

    @Test
    void answerWhenPhoneSlowThenSentOnlyAfterTheDelay() throws Exception {
        SimulatedPhone phone = activated();
        phone.pushed("challenge-1", NOW);
        new NotificationReader(this.api, this.clock).readNew(phone).block();
        this.server.next();
        phone.settings(PhoneSettings.parse("0", false, "150").orElseThrow());
        VirtualTimeScheduler timer = VirtualTimeScheduler.create();

        new PhoneAnswers(this.api, this.clock, timer).answer(phone, "challenge-1", SignedAnswer.Decision.DENY, null).block();
        Notification.Answer scheduled = phone.notifications().get(0).answer();
        assertThat(scheduled.sent()).isFalse();
        assertThat(scheduled.sendsAt()).isEqualTo(NOW.plusSeconds(150));

        timer.advanceTimeBy(Duration.ofSeconds(149));
        assertThat(this.server.nothingReceived()).isTrue();
        timer.advanceTimeBy(Duration.ofSeconds(1));
        FakeDeviceApi.Received answered = this.server.next();
        assertThat(answered.method() + " " + answered.path()).isEqualTo("POST /challenges/challenge-1");
        assertThat(JWSObject.parse(this.json.readTree(answered.body()).path("response").asString()).getPayload()
            .toJSONObject()).containsEntry("decision", "deny");
    }

    private SimulatedPhone activated() throws InterruptedException {
        SimulatedPhone phone = this.activation.register(new PhoneActivation.CardCode("ABCDEFGHJK"),
                DeviceDescription.RECENT_ANDROID).block().phone();
        this.server.next();
        return phone;
    }

    private void assertProof(FakeDeviceApi.Received request, SimulatedPhone phone, String method, Instant at) throws Exception {
        SignedJWT proof = SignedJWT.parse(request.dpop());
        assertThat(proof.verify(new ECDSAVerifier(phone.key().toPublicJWK()))).isTrue();
        assertThat(proof.getJWTClaimsSet().getStringClaim("htm")).isEqualTo(method);
        assertThat(proof.getJWTClaimsSet().getStringClaim("htu")).isEqualTo(this.server.issuer() + "/ecps/v1" + request.path());
        assertThat(proof.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(at);
    }
}
