package io.healthid.idp.protocol.ciba;

import io.healthid.idp.model.ReasonCode;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Where a backchannel login's outcome is recorded once (metric, audit, log), like every other authentication: the
 * application wires it to the authentication events, which this protocol layer does not know.
 */
@FunctionalInterface
public interface CibaOutcomes {

    Mono<Void> record(CibaRequest request, ReasonCode reason, Duration duration);
}
