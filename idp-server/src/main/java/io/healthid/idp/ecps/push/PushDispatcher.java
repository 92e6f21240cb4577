package io.healthid.idp.ecps.push;

import io.healthid.idp.ecps.push.PushTarget;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/** Picks the gateway for a device's push target; a type without a configured gateway is never accepted. */
public class PushDispatcher {

    private final Map<PushTarget.Type, PushGateway> gateways = new EnumMap<>(PushTarget.Type.class);

    public PushDispatcher(List<PushGateway> gateways) {
        gateways.forEach(gateway -> this.gateways.put(gateway.type(), gateway));
    }

    public boolean accepts(PushTarget target) {
        PushGateway gateway = this.gateways.get(target.type());
        return gateway != null && gateway.accepts(target.address());
    }

    public Mono<Void> send(PushTarget target, String challengeId) {
        PushGateway gateway = this.gateways.get(target.type());
        return gateway == null ? Mono.error(new PushFailedException("no gateway for " + target.type(), null))
                : gateway.send(target.address(), challengeId);
    }
}
