package io.healthid.idp.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Limits and single use under concurrent requests, as a phone (or many) would send them at once: each limit lets
 * exactly its number through whatever the interleaving, the rest are refused with {@code RATE_LIMITED}; an activation
 * code registers one device and a challenge takes one answer, however many arrive together.
 */
@IdpIntegrationTest
class ConcurrentLimitsTest {

    private static final int CONCURRENT = 12;

    @Autowired
    private Issuer issuer;

    @Autowired
    private EcpsProperties properties;

    @Autowired
    private ActivationStore activations;

    @Autowired
    private ChallengeService challenges;

    private final List<TestDevice> phones = new ArrayList<>();

    @BeforeAll
    static void outsideServices() {
        EcpsTestServices.start();
    }

    @AfterEach
    void closePhones() {
        this.phones.forEach(TestDevice::close);
    }

    private TestDevice phone() {
        TestDevice phone = new TestDevice(this.issuer.value());
        this.phones.add(phone);
        return phone;
    }

    @Test
    void activationsWhenStartedConcurrentlyForOnePersonThenExactlyTheLimitGetThroughAndTheRestRateLimited() {
        // a person of no directory: the limits come first, so those let through are then refused by the directory
        String person = EcpsEnrolment.freshNationalId();
        int limit = this.properties.activation().perPerson();
        TestDevice phone = phone();

        List<EntityExchangeResult<String>> answers = concurrently(limit + CONCURRENT, i -> phone.startActivation(person));

        assertThat(reasons(answers)).filteredOn(ReasonCode.DIRECTORY_NOT_FOUND.name()::equals).hasSize(limit);
        assertThat(reasons(answers)).filteredOn(ReasonCode.RATE_LIMITED.name()::equals).hasSize(CONCURRENT);
        assertThat(answers).filteredOn(answer -> answer.getStatus().value() == 429).hasSize(CONCURRENT);
    }

    @Test
    void pushesWhenBrowsersStartEcpsConcurrentlyForOnePersonThenExactlyTheLimitSentAndTheRestRateLimited() {
        TestDevice phone = enrolledPhone();
        int limit = this.properties.challenge().perPerson();
        List<Browser> browsers = new ArrayList<>();
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < limit + CONCURRENT; i++) {
            Browser browser = new Browser(ServerPort.PORT);
            String tx = Browser.query(browser.redirectFrom(RelyingParty.demoAuthorizationRequest())).get("tx");
            browsers.add(browser);
            forms.add(this.issuer.url("/login-actions/ecps") + "?tx=" + tx);
        }

        List<EntityExchangeResult<String>> answers = concurrently(browsers.size(),
                i -> browsers.get(i).postForm(forms.get(i), Map.of("nationalId", phone.nationalId())));

        assertThat(answers).filteredOn(answer -> answer.getStatus().value() == 303).hasSize(limit);
        assertThat(answers).filteredOn(answer -> answer.getStatus().value() == 429)
            .hasSize(CONCURRENT)
            .allSatisfy(refused -> assertThat(refused.getResponseBody()).contains(ReasonCode.RATE_LIMITED.name()));
        for (int i = 0; i < limit; i++) {
            phone.nextPush();
        }
        assertThat(phone.hasPendingPush()).isFalse();
    }

    @Test
    void correspondenceCodesWhenSubmittedConcurrentlyByManyPhonesThenExactlyOneDeviceRegistered() {
        String person = SampleDirectory.TWO_PROFESSIONS;
        EntityExchangeResult<String> started = phone().startActivation(person);
        assertThat(started.getStatus().value()).as(started.getResponseBody()).isEqualTo(202);
        String activationId = TestDevice.json(started).path("activationId").asString();
        String emailCode = EcpsTestServices.lastEmailCode("sophie.martin@example.org");
        String smsCode = EcpsTestServices.lastSmsCode("+33600000001");
        List<TestDevice> racing = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            racing.add(phone());
        }

        List<EntityExchangeResult<String>> answers = concurrently(CONCURRENT,
                i -> racing.get(i).completeActivation(activationId, emailCode, smsCode));

        assertExactlyOne(answers, 201, 400, ReasonCode.ACTIVATION_CODE_INVALID);
    }

    @Test
    void cardCodeWhenSubmittedConcurrentlyByManyPhonesThenExactlyOneDeviceRegistered() {
        String code = this.activations.saveCardCode(EcpsEnrolment.freshNationalId(), Duration.ofSeconds(90)).block();
        List<TestDevice> racing = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            racing.add(phone());
        }

        List<EntityExchangeResult<String>> answers = concurrently(CONCURRENT,
                i -> racing.get(i).register(Map.of("activationCode", code), "android", "14", "2.3.0"));

        assertExactlyOne(answers, 201, 400, ReasonCode.ACTIVATION_CODE_INVALID);
    }

    @Test
    void answersWhenManySignedApprovalsArriveTogetherThenExactlyOneSettlesTheChallenge() {
        TestDevice phone = enrolledPhone();
        Challenge challenge = startBrowserChallenge(phone);
        String id = challenge.id();
        // each answer signed on its own (its own jti), as a phone tapping "approve" several times would
        List<String> answersSigned = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            answersSigned.add(phone.signedAnswer(id, "approve", challenge.expectedNumber(), phone.key(), phone.deviceId()));
        }

        List<EntityExchangeResult<String>> answers = concurrently(CONCURRENT, i -> phone.answer(id, answersSigned.get(i)));

        assertExactlyOne(answers, 200, 409, ReasonCode.ECPS_REPLAY);
        assertThat(this.challenges.find(id).block().status()).isEqualTo(Challenge.Status.APPROVED);
    }

    @Test
    void answersWhenTheSameSignedApprovalIsReplayedConcurrentlyThenExactlyOneCounts() {
        TestDevice phone = enrolledPhone();
        Challenge challenge = startBrowserChallenge(phone);
        String id = challenge.id();
        String answer = phone.signedAnswer(id, "approve", challenge.expectedNumber(), phone.key(), phone.deviceId());

        List<EntityExchangeResult<String>> answers = concurrently(CONCURRENT, i -> phone.answer(id, answer));

        assertExactlyOne(answers, 200, 409, ReasonCode.ECPS_REPLAY);
    }

    /** A phone of a person of its own: no other test's pushes count toward its limits. */
    private TestDevice enrolledPhone() {
        TestDevice phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), EcpsEnrolment.freshNationalId());
        this.phones.add(phone);
        return phone;
    }

    /** A browser login's challenge, pushed to the phone. */
    private Challenge startBrowserChallenge(TestDevice phone) {
        Challenge challenge = this.challenges.start(new ChallengeService.Request(Challenge.Kind.BROWSER, phone.nationalId(),
                "client-demo", "Démo Pro Santé Connect", null, "127.0.0.1", "tx", "browser")).block();
        assertThat(phone.nextPush()).isEqualTo(challenge.id());
        return challenge;
    }

    /** Every request started at once, each on its own thread. */
    private static List<EntityExchangeResult<String>> concurrently(int count, IntFunction<EntityExchangeResult<String>> request) {
        return Flux.range(0, count)
            .flatMap(i -> Mono.fromCallable(() -> request.apply(i)).subscribeOn(Schedulers.boundedElastic()), count)
            .collectList()
            .block(Duration.ofSeconds(120));
    }

    private static List<String> reasons(List<EntityExchangeResult<String>> answers) {
        return answers.stream().map(answer -> TestDevice.json(answer).path("reason").asString()).toList();
    }

    private static void assertExactlyOne(List<EntityExchangeResult<String>> answers, int success, int refusal, ReasonCode reason) {
        assertThat(answers).filteredOn(answer -> answer.getStatus().value() == success).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.getStatus().value() != success).hasSize(answers.size() - 1)
            .allSatisfy(refused -> {
                assertThat(refused.getStatus().value()).as(refused.getResponseBody()).isEqualTo(refusal);
                assertThat(TestDevice.json(refused).path("reason").asString()).isEqualTo(reason.name());
            });
    }
}
