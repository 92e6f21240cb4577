package io.healthid.demo.phone;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Opens what a push points to: a push carries only a challenge id, so the phone asks the identity provider
 * ({@code GET /challenges/{id}} with a DPoP proof) who wants the person to sign in and which numbers to offer.
 */
public class NotificationReader {

    private final DeviceApi api;
    private final Clock clock;

    public NotificationReader(DeviceApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** Reads every notification of the phone not read yet. */
    public Mono<Void> readNew(SimulatedPhone phone) {
        return Flux.fromIterable(phone.notifications())
            .filter(Notification::unread)
            .concatMap(notification -> this.api.challenge(phone.key(), notification.challengeId(),
                        phone.settings().proofTime(this.clock.instant()))
                // no answer at all: left unread, read again at the next look
                .filter(ApiAnswer::answered)
                .doOnNext(answer -> phone.update(notification.challengeId(), unread -> answer.isSuccess()
                        ? unread.read(shown(answer)) : unread.unreadable(answer.reason()))))
            .then();
    }

    private static Notification.Challenge shown(ApiAnswer answer) {
        JsonNode body = answer.body();
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode number : body.path("numbers")) {
            if (number.isInt()) {
                numbers.add(number.asInt());
            }
        }
        String binding = body.path("bindingMessage").asString("");
        return new Notification.Challenge(body.path("client").asString(""), List.copyOf(numbers),
                binding.isEmpty() ? null : binding, answer.instant("expiresAt"), body.path("status").asString(""));
    }
}
