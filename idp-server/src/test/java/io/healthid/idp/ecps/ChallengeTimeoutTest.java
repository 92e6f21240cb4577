package io.healthid.idp.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.challenge.ApprovalVerifier;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.ecps.challenge.ChallengeStore;
import io.healthid.idp.ecps.challenge.DeviceLocks;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.ecps.dpop.OneTimeValues;
import io.healthid.idp.ecps.limit.RateLimits;
import io.healthid.idp.ecps.push.PushDispatcher;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.EcpsSignals;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * The ceremony's clock: a challenge nobody answers is settled as {@code ECPS_TIMEOUT} once its lifetime is over, on
 * the server's clock (here one the test moves), and a late approval cannot revive it.
 */
@IdpIntegrationTest
class ChallengeTimeoutTest {

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    @Autowired
    private ChallengeStore store;

    @Autowired
    private DeviceRepository devices;

    @Autowired
    private PushDispatcher pushes;

    @Autowired
    private RateLimits limits;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @Autowired
    private EcpsProperties properties;

    @Autowired
    private EcpsSignals signals;

    @Test
    void challengeWhenUnansweredPastItsLifetimeThenTimeoutAndLateApprovalRefused() {
        MutableClock clock = new MutableClock(Instant.now());
        EcpsProperties.Challenge settings = this.properties.challenge();
        ChallengeService service = new ChallengeService(this.store, this.devices, new DeviceLocks(this.redis, 5,
                Duration.ofMinutes(15), Duration.ofMinutes(15)), this.pushes,
                new ApprovalVerifier(clock, settings.clockSkew(), this.signals),
                new OneTimeValues(this.redis, "ecps:test-jti:"), this.limits, settings, clock, List.of());
        try (TestDevice phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), EcpsEnrolment.freshNationalId())) {
            Challenge challenge = service.start(new ChallengeService.Request(Challenge.Kind.BROWSER, phone.nationalId(),
                    "client-demo", "Démo", null, "127.0.0.1", "tx", "browser")).block();
            phone.nextPush();

            clock.advance(settings.lifetime().minusSeconds(1));
            assertThat(service.timeout(challenge.id()).block().status()).isEqualTo(Challenge.Status.PENDING);

            clock.advance(Duration.ofSeconds(1));
            Challenge.State settled = service.timeout(challenge.id()).block();
            assertThat(settled.status()).isEqualTo(Challenge.Status.REFUSED);
            assertThat(settled.reason()).isEqualTo(ReasonCode.ECPS_TIMEOUT);

            phone.setClockOffset(Duration.between(Instant.now(), clock.instant()));
            String late = phone.signedAnswer(challenge.id(), "approve", challenge.expectedNumber(), phone.key(), phone.deviceId());
            ReasonCode refused = service.respond(challenge.id(), this.devices.findById(phone.deviceId()).block(), late)
                .map(state -> ReasonCode.OK)
                .onErrorResume(EcpsRefusal.class, refusal -> Mono.just(refusal.reason()))
                .block();
            assertThat(refused).isEqualTo(ReasonCode.ECPS_TIMEOUT);
        }
    }
}
