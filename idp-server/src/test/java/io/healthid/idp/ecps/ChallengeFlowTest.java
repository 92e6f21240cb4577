package io.healthid.idp.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The device ceremony as the phone lives it: a push with only a challenge id, the challenge read with a DPoP proof,
 * a signed answer; and every way it fails, each with its reason code.
 */
@IdpIntegrationTest
class ChallengeFlowTest {

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    @Autowired
    private ChallengeService challenges;

    @Autowired
    private EcpsMetrics metrics;

    private final List<TestDevice> phones = new ArrayList<>();

    @AfterEach
    void closePhones() {
        this.phones.forEach(TestDevice::close);
    }

    private TestDevice enrolled() {
        TestDevice phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), EcpsEnrolment.freshNationalId());
        this.phones.add(phone);
        return phone;
    }

    private Challenge browserLogin(TestDevice phone) {
        return this.challenges.start(new ChallengeService.Request(Challenge.Kind.BROWSER, phone.nationalId(), "client-demo",
                "Démo Pro Santé Connect", null, "127.0.0.1", "tx", "browser")).block();
    }

    @Test
    void approvalWhenRightNumberSignedByDeviceThenApprovedOnceAndReplayRefused() {
        TestDevice phone = enrolled();
        Challenge started = browserLogin(phone);

        String pushed = phone.nextPush();
        assertThat(pushed).isEqualTo(started.id());
        EntityExchangeResult<String> shown = phone.challenge(pushed);
        assertThat(shown.getStatus().value()).isEqualTo(200);
        JsonNode challenge = TestDevice.json(shown);
        assertThat(challenge.path("client").asString()).isEqualTo("Démo Pro Santé Connect");
        assertThat(challenge.path("numbers")).hasSize(3);
        assertThat(challenge.has("expiresAt")).isTrue();

        String answer = phone.signedAnswer(pushed, "approve", phone.pickNumber(challenge, started.expectedNumber()), phone.key(),
                phone.deviceId());
        EntityExchangeResult<String> approved = phone.answer(pushed, answer);
        assertThat(approved.getStatus().value()).isEqualTo(200);
        assertThat(TestDevice.json(approved).path("status").asString()).isEqualTo("approved");
        assertThat(this.challenges.find(pushed).block().status()).isEqualTo(Challenge.Status.APPROVED);

        assertRefused(phone.answer(pushed, answer), 409, ReasonCode.ECPS_REPLAY);
        assertThat(this.challenges.use(pushed).block()).isTrue();
        assertThat(this.challenges.use(pushed).block()).isFalse();
    }

    @Test
    void answerWhenWrongNumberThenRefusedAndTheBrowserLearnsWhy() {
        TestDevice phone = enrolled();
        Challenge started = browserLogin(phone);
        String id = phone.nextPush();
        int wrong = started.numbers().stream().filter(n -> !n.equals(started.expectedNumber())).findFirst().orElseThrow();

        assertRefused(phone.approve(id, wrong), 400, ReasonCode.ECPS_WRONG_NUMBER);
        Challenge.State settled = this.challenges.outcome(id).block(Duration.ofSeconds(10));
        assertThat(settled.status()).isEqualTo(Challenge.Status.REFUSED);
        assertThat(settled.reason()).isEqualTo(ReasonCode.ECPS_WRONG_NUMBER);
    }

    @Test
    void answerWhenDeniedThen200DeniedAndChallengeRefused() {
        TestDevice phone = enrolled();
        browserLogin(phone);
        String id = phone.nextPush();

        EntityExchangeResult<String> denied = phone.deny(id);
        assertThat(denied.getStatus().value()).isEqualTo(200);
        assertThat(TestDevice.json(denied).path("status").asString()).isEqualTo("denied");
        assertThat(this.challenges.find(id).block().reason()).isEqualTo(ReasonCode.ECPS_DENIED);
    }

    @Test
    void answerWhenPhoneClockOffThenClockSkewAndWithinSkewAccepted() {
        TestDevice phone = enrolled();
        Challenge first = browserLogin(phone);
        String id = phone.nextPush();
        phone.setClockOffset(Duration.ofSeconds(-45));
        // a phone 45 s late is within the default 60 s
        assertThat(phone.approve(id, first.expectedNumber()).getStatus().value()).isEqualTo(200);

        Challenge second = browserLogin(phone);
        String late = phone.nextPush();
        phone.setClockOffset(Duration.ZERO);
        // the proof is on time, the answer was signed by a phone two minutes behind
        String skewed = answerSignedAt(phone, late, second.expectedNumber(), Instant.now().minusSeconds(120));
        assertRefused(phone.answer(late, skewed), 400, ReasonCode.ECPS_CLOCK_SKEW);
        assertThat(this.challenges.find(late).block().reason()).isEqualTo(ReasonCode.ECPS_CLOCK_SKEW);
    }

    @Test
    void showWhenPhoneClockOffInItsProofsThenChallengeEndsWithClockSkewNotTimeout() throws Exception {
        TestDevice phone = enrolled();
        browserLogin(phone);
        String id = phone.nextPush();
        String path = "/ecps/v1/challenges/" + id;

        // a key no phone registered, with a late clock: says nothing about the challenge, which stays pending
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        assertRefused(phone.send("GET", path, null, phone.dpop("GET", this.issuer.value() + path, stranger,
                Instant.now().minusSeconds(300), UUID.randomUUID().toString())), 401, ReasonCode.ECPS_CLOCK_SKEW);
        assertThat(this.challenges.find(id).block().status()).isEqualTo(Challenge.Status.PENDING);

        // the phone it was sent to, five minutes late in every request: it cannot even read the challenge
        phone.setClockOffset(Duration.ofMinutes(-5));
        assertRefused(phone.challenge(id), 401, ReasonCode.ECPS_CLOCK_SKEW);
        phone.setClockOffset(Duration.ZERO);
        Challenge.State ended = this.challenges.find(id).block();
        assertThat(ended.status()).isEqualTo(Challenge.Status.REFUSED);
        assertThat(ended.reason()).isEqualTo(ReasonCode.ECPS_CLOCK_SKEW);
    }

    @Test
    void answerWhenSignedByAnotherKeyThenBadSignature() throws Exception {
        TestDevice phone = enrolled();
        Challenge started = browserLogin(phone);
        String id = phone.nextPush();
        ECKey other = new ECKeyGenerator(Curve.P_256).generate();
        double before = this.metrics.count(EcpsMetrics.Operation.RESPONSE, ReasonCode.ECPS_BAD_SIGNATURE);

        assertRefused(phone.answer(id, phone.signedAnswer(id, "approve", started.expectedNumber(), other, phone.deviceId())),
                400, ReasonCode.ECPS_BAD_SIGNATURE);
        assertThat(this.metrics.count(EcpsMetrics.Operation.RESPONSE, ReasonCode.ECPS_BAD_SIGNATURE)).isEqualTo(before + 1);
    }

    @Test
    void challengeWhenRepeatedFailuresThenDeviceLocked() {
        TestDevice phone = enrolled();
        for (int i = 0; i < 5; i++) {
            browserLogin(phone);
            phone.deny(phone.nextPush());
        }
        assertThat(startRefusal(phone)).isEqualTo(ReasonCode.ECPS_LOCKED);
    }

    @Test
    @Tag("RFC9449-4.3")
    void challengeWhenProofMissingForeignReplayedOrMisdirectedThen401() throws Exception {
        TestDevice phone = enrolled();
        browserLogin(phone);
        String id = phone.nextPush();
        String path = "/ecps/v1/challenges/" + id;
        String url = this.issuer.value() + path;

        assertRefused(phone.send("GET", path, null, (String) null), 401, ReasonCode.ECPS_BAD_SIGNATURE);
        ECKey stranger = new ECKeyGenerator(Curve.P_256).generate();
        assertRefused(phone.send("GET", path, null, phone.dpop("GET", url, stranger, Instant.now(), UUID.randomUUID().toString())),
                401, ReasonCode.ECPS_NOT_ENROLLED);
        String proof = phone.dpop("GET", url);
        assertThat(phone.send("GET", path, null, proof).getStatus().value()).isEqualTo(200);
        assertRefused(phone.send("GET", path, null, proof), 401, ReasonCode.ECPS_REPLAY);
        assertRefused(phone.send("GET", path, null, phone.dpop("POST", url)), 401, ReasonCode.ECPS_BAD_SIGNATURE);
        assertRefused(phone.send("GET", path, null, phone.dpop("GET", this.issuer.value() + "/ecps/v1/devices")), 401,
                ReasonCode.ECPS_BAD_SIGNATURE);
        assertRefused(phone.send("GET", path, null, phone.dpop("GET", url, phone.key(), Instant.now().minusSeconds(300),
                UUID.randomUUID().toString())), 401, ReasonCode.ECPS_CLOCK_SKEW);
        assertThat(phone.send("GET", path, null, "not.a.jwt").getStatus().value()).isEqualTo(401);

        TestDevice otherPersonsPhone = enrolled();
        assertRefused(otherPersonsPhone.challenge(id), 401, ReasonCode.ECPS_NOT_ENROLLED);
    }

    @Test
    void challengeWhenPersonHasNoDeviceOrOnlyRevokedOnesThenReasonSaysSo() {
        assertThat(startRefusal(EcpsEnrolment.freshNationalId())).isEqualTo(ReasonCode.ECPS_NOT_ENROLLED);
        TestDevice phone = enrolled();
        assertThat(phone.revoke(phone.deviceId()).getStatus().value()).isEqualTo(204);
        assertThat(startRefusal(phone)).isEqualTo(ReasonCode.ECPS_DEVICE_REVOKED);
        assertRefused(phone.listDevices(), 401, ReasonCode.ECPS_DEVICE_REVOKED);
    }

    @Test
    void devicesWhenListedThenThePersonsOwnOnlyWithTheCurrentOneMarked() {
        TestDevice phone = enrolled();
        JsonNode list = TestDevice.json(phone.listDevices()).path("devices");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("deviceId").asString()).isEqualTo(phone.deviceId());
        assertThat(list.get(0).path("current").asBoolean()).isTrue();
        assertThat(list.get(0).path("status").asString()).isEqualTo("active");

        TestDevice stranger = enrolled();
        assertRefused(stranger.revoke(phone.deviceId()), 404, ReasonCode.ECPS_NOT_ENROLLED);
    }

    @Test
    void pushesWhenMoreThanFiveInTenMinutesConcurrentlyThenExactlyFiveSent() {
        TestDevice phone = enrolled();
        List<Object> outcomes = Flux.range(0, 8)
            .flatMap(i -> this.challenges.start(new ChallengeService.Request(Challenge.Kind.BROWSER, phone.nationalId(),
                    "client-demo", "Démo", null, "127.0.0.1", "tx", "browser")).<Object>map(challenge -> "sent")
                .onErrorResume(EcpsRefusal.class, refusal -> Mono.just(refusal.reason())), 8)
            .collectList().block(Duration.ofSeconds(30));

        assertThat(outcomes).filteredOn("sent"::equals).hasSize(5);
        assertThat(outcomes).filteredOn(ReasonCode.RATE_LIMITED::equals).hasSize(3);
    }

    private String answerSignedAt(TestDevice phone, String challengeId, int number, Instant iat) {
        Duration offset = Duration.between(Instant.now(), iat);
        phone.setClockOffset(offset);
        String answer = phone.signedAnswer(challengeId, "approve", number, phone.key(), phone.deviceId());
        phone.setClockOffset(Duration.ZERO);
        return answer;
    }

    private ReasonCode startRefusal(TestDevice phone) {
        return startRefusal(phone.nationalId());
    }

    private ReasonCode startRefusal(String nationalId) {
        return this.challenges.start(new ChallengeService.Request(Challenge.Kind.BROWSER, nationalId, "client-demo", "Démo",
                null, "127.0.0.1", "tx", "browser"))
            .map(challenge -> (ReasonCode) null)
            .onErrorResume(EcpsRefusal.class, refusal -> Mono.just(refusal.reason()))
            .block();
    }

    private static void assertRefused(EntityExchangeResult<String> result, int status, ReasonCode reason) {
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        assertThat(TestDevice.json(result).path("reason").asString()).isEqualTo(reason.name());
    }
}
