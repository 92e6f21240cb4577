package io.healthid.idp.session;

import reactor.core.publisher.Mono;

/** Told when an SSO session is ended on purpose (logout), e.g. to notify the relying parties that took part in it. */
@FunctionalInterface
public interface SessionEndListener {

    SessionEndListener NONE = sessionId -> Mono.empty();

    /** Called for every removal of {@code sessionId}, possibly more than once for one session. */
    Mono<Void> sessionEnded(String sessionId);
}
