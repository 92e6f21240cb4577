package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.activation.CorrespondenceActivation;
import io.healthid.idp.login.ecps.EcpsResponses;
import io.healthid.idp.protocol.ClientAddresses;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** {@code POST {issuer}/ecps/v1/activations {"nationalId"}} → {@code 202 {"activationId","expiresIn"}}. */
public class ActivationEndpoint {

    /** The request body. */
    public record StartRequest(String nationalId) {
    }

    private final CorrespondenceActivation activation;
    private final EcpsMetrics metrics;

    public ActivationEndpoint(CorrespondenceActivation activation, EcpsMetrics metrics) {
        this.activation = activation;
        this.metrics = metrics;
    }

    public Mono<ServerResponse> start(ServerRequest request) {
        return request.bodyToMono(StartRequest.class)
            .filter(body -> body.nationalId() != null && body.nationalId().length() <= 64)
            .switchIfEmpty(Mono.error(new IllegalArgumentException("nationalId is required")))
            .flatMap(body -> this.activation.start(body.nationalId(), ClientAddresses.of(request), request.exchange().getLocaleContext().getLocale()))
            .flatMap(started -> EcpsResponses.json(HttpStatus.ACCEPTED,
                    Map.of("activationId", started.activationId(), "expiresIn", started.expiresIn())))
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.ACTIVATION, refusal.reason()))
            .onErrorResume(EcpsResponses.errors());
    }

}
