package io.healthid.idp.ecps.challenge;

import reactor.core.publisher.Mono;

/**
 * Told when a challenge is settled by the phone (approved or refused) on this node; used by CIBA's ping mode to
 * notify the client. Browsers and polling clients do not need it: they read the state, woken through Redis.
 */
public interface ChallengeListener {

    Mono<Void> settled(Challenge.State state);
}
