package io.healthid.demo.phone;

import java.time.Clock;
import java.time.Instant;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends the person's answer to a challenge: signed by the device key with the phone's clock, after the phone's
 * answer delay. A slow answer leaves in the background; the phone's page shows its outcome when it comes.
 */
public class PhoneAnswers {

    private final DeviceApi api;
    private final Clock clock;
    private final Scheduler timer;

    /** @param timer where a slow answer waits (tests pass a virtual-time scheduler) */
    public PhoneAnswers(DeviceApi api, Clock clock, Scheduler timer) {
        this.api = api;
        this.clock = clock;
        this.timer = timer;
    }

    /**
     * @param number the number picked, {@code null} for a denial or a binding message
     * @return done once the answer is sent, or at once when it is delayed
     */
    public Mono<Void> answer(SimulatedPhone phone, String challengeId, SignedAnswer.Decision decision, Integer number) {
        if (phone.notification(challengeId).filter(Notification::awaitsAnswer).isEmpty()) {
            return Mono.empty();
        }
        PhoneSettings settings = phone.settings();
        Instant sendsAt = this.clock.instant().plus(settings.answerDelay());
        phone.update(challengeId, shown -> shown.answered(new Notification.Answer(decision, number, sendsAt, null, null)));
        Mono<Void> send = Mono.defer(() -> send(phone, challengeId, decision, number, settings, sendsAt));
        if (settings.answerDelay().isZero()) {
            return send;
        }
        Mono.delay(settings.answerDelay(), this.timer).then(send).subscribe();
        return Mono.empty();
    }

    private Mono<Void> send(SimulatedPhone phone, String challengeId, SignedAnswer.Decision decision, Integer number,
            PhoneSettings settings, Instant sendsAt) {
        Instant now = this.clock.instant();
        String signed = SignedAnswer.create(phone.key(), phone.deviceId(), challengeId, decision, number,
                settings.answerTime(now));
        return this.api.answer(phone.key(), challengeId, signed, settings.proofTime(now))
            .doOnNext(answer -> phone.update(challengeId, notification -> notification.answered(new Notification.Answer(
                    decision, number, sendsAt, answer.status(), answer.isSuccess() ? answer.text("status") : answer.reason()))))
            .then();
    }
}
