package io.healthid.idp.ecps.push;

import io.healthid.idp.ecps.push.PushTarget;
import io.healthid.idp.observability.EcpsSignals;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Picks the gateway for a device's push target; a type without a configured gateway is never accepted. Every attempt
 * is counted by gateway and outcome.
 */
public class PushDispatcher {

    private final Map<PushTarget.Type, PushGateway> gateways = new EnumMap<>(PushTarget.Type.class);
    private final EcpsSignals signals;

    public PushDispatcher(List<PushGateway> gateways, EcpsSignals signals) {
        gateways.forEach(gateway -> this.gateways.put(gateway.type(), gateway));
        this.signals = signals;
    }

    public boolean accepts(PushTarget target) {
        PushGateway gateway = this.gateways.get(target.type());
        return gateway != null && gateway.accepts(target.address());
    }

    public Mono<Void> send(PushTarget target, String challengeId) {
        PushGateway gateway = this.gateways.get(target.type());
        Mono<Void> sent = gateway == null ? Mono.error(new PushFailedException("no gateway for " + target.type(), null))
                : gateway.send(target.address(), challengeId);
        return sent.doOnSuccess(done -> this.signals.pushed(target.type(), EcpsSignals.PushOutcome.DELIVERED))
            .doOnError(ex -> this.signals.pushed(target.type(), EcpsSignals.PushOutcome.of(ex)));
    }
}
