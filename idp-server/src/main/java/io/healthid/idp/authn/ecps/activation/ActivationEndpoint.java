package io.healthid.idp.authn.ecps.activation;

import io.healthid.idp.authn.ecps.EcpsMetrics;
import io.healthid.idp.authn.ecps.EcpsRefusal;
import io.healthid.idp.authn.ecps.EcpsResponses;
import io.healthid.idp.pages.Pages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
            .flatMap(body -> this.activation.start(body.nationalId(), clientAddress(request), Pages.localeOf(request)))
            .flatMap(started -> EcpsResponses.json(HttpStatus.ACCEPTED,
                    Map.of("activationId", started.activationId(), "expiresIn", started.expiresIn())))
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.ACTIVATION, refusal.reason()))
            .onErrorResume(EcpsResponses.errors());
    }

    /** The caller's address, the key of the per-address limits. */
    public static String clientAddress(ServerRequest request) {
        return request.remoteAddress().map(InetSocketAddress::getAddress).map(InetAddress::getHostAddress)
            .orElse("unknown");
    }
}
