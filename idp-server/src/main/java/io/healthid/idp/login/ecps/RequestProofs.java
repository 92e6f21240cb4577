package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.ecps.device.DeviceProofs;
import io.healthid.idp.model.ReasonCode;
import java.util.function.Function;
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

    /** As {@link #authenticate(ServerRequest)}; a proof refused for its time alone first runs {@code onClockSkew}. */
    Mono<Device> authenticate(ServerRequest request, Function<Device, Mono<Void>> onClockSkew) {
        return authenticate(request).onErrorResume(EcpsRefusal.class, refusal -> refusal.reason() != ReasonCode.ECPS_CLOCK_SKEW
                ? Mono.error(refusal)
                : this.proofs.signerOfSkewedProof(request.headers().firstHeader(DeviceProofs.HEADER))
                    .flatMap(onClockSkew)
                    .onErrorResume(EcpsRefusal.class, unknown -> Mono.empty())
                    .then(Mono.error(refusal)));
    }
}
