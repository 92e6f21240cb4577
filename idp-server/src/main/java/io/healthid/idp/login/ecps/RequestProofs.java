package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.ecps.device.DeviceProofs;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/** The device behind a request: its {@code DPoP} header checked for this method and path; refusals counted. */
final class RequestProofs {

    private final DeviceProofs proofs;
    private final EcpsMetrics metrics;

    RequestProofs(DeviceProofs proofs, EcpsMetrics metrics) {
        this.proofs = proofs;
        this.metrics = metrics;
    }

    Mono<Device> authenticate(ServerRequest request) {
        return this.proofs.authenticate(request.headers().firstHeader(DeviceProofs.HEADER), request.method().name(),
                    request.exchange().getRequest().getPath().value())
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.PROOF, refusal.reason()));
    }
}
