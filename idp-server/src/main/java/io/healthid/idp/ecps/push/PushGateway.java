package io.healthid.idp.ecps.push;

import io.healthid.idp.ecps.push.PushTarget;
import reactor.core.publisher.Mono;

/**
 * Wakes a phone. A push carries nothing personal, only {@code {"challengeId"}}: the phone fetches the rest with a
 * DPoP proof. Fails with {@link PushFailedException} when the gateway does not take the message.
 */
public interface PushGateway {

    PushTarget.Type type();

    /** Whether a registration may use this address (checked when the device registers). */
    boolean accepts(String address);

    Mono<Void> send(String address, String challengeId);
}
