package io.healthid.idp.protocol;

import io.healthid.idp.observability.CorrelationId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.EntityResponse;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RenderingResponse;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Counts and logs every protocol refusal, whatever endpoint answered it and however (JSON error, error redirect, error
 * page), from the answer itself, so no refusal path can be forgotten: {@code idp_protocol_errors_total{endpoint, error,
 * client}} and one log line each. The client label is a registered client id, {@code unknown} for any other value (so
 * a caller cannot grow the metric's cardinality) or {@code none}; the line carries no secret, token or query string.
 */
public final class ProtocolErrors implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    public static final String METRIC = "idp.protocol.errors";

    private static final Logger logger = LoggerFactory.getLogger(ProtocolErrors.class);

    private final Map<String, String> endpointsByPath;
    private final Predicate<String> registeredClient;
    private final MeterRegistry meters;

    /**
     * @param endpointsByPath the routed path of each protocol endpoint and its name in the metric
     * @param registeredClient whether a client id names a registered client
     */
    public ProtocolErrors(Map<String, String> endpointsByPath, Predicate<String> registeredClient, MeterRegistry meters) {
        this.endpointsByPath = Map.copyOf(endpointsByPath);
        this.registeredClient = registeredClient;
        this.meters = meters;
    }

    /** An error an endpoint answered: its OAuth error code and a short description. */
    record Refusal(String error, String description) {
    }

    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        String endpoint = this.endpointsByPath.get(request.path());
        if (endpoint == null) {
            return next.handle(request);
        }
        return next.handle(request).flatMap(response -> refusalIn(response)
            .map(refusal -> clientLabel(request).doOnNext(client -> record(endpoint, refusal, client, response, request.exchange()))
                .thenReturn(response))
            .orElseGet(() -> Mono.just(response)));
    }

    private void record(String endpoint, Refusal refusal, String client, ServerResponse response,
            ServerWebExchange exchange) {
        Counter.builder(METRIC)
            .description("Protocol requests refused, by endpoint, OAuth error code and client")
            .tag("endpoint", endpoint)
            .tag("error", refusal.error())
            .tag("client", client)
            .register(this.meters)
            .increment();
        try (MDC.MDCCloseable id = CorrelationId.inLogs(exchange)) {
            logger.info("protocol refusal endpoint={} error={} client={} status={} description=\"{}\"", endpoint,
                    refusal.error(), client, response.statusCode().value(), printable(refusal.description()));
        }
    }

    static Optional<Refusal> refusalIn(ServerResponse response) {
        if (response instanceof EntityResponse<?> entity && entity.entity() instanceof Map<?, ?> body
                && body.get("error") instanceof String error) {
            return Optional.of(new Refusal(printable(error), String.valueOf(body.get("error_description"))));
        }
        if (response instanceof RenderingResponse page && page.statusCode().isError()
                && page.model().get("code") instanceof String code) {
            // error pages show "error_code (parameter)"
            return Optional.of(new Refusal(printable(code.split(" ", 2)[0]), code));
        }
        URI location = response.headers().getLocation();
        if (response.statusCode().is3xxRedirection() && location != null) {
            MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(location).build().getQueryParams();
            String error = query.getFirst("error");
            if (error != null) {
                String description = query.getFirst("error_description");
                return Optional.of(new Refusal(printable(decode(error)), description == null ? "" : decode(description)));
            }
        }
        return Optional.empty();
    }

    /** The client the request names (client_id in the query or form, or the Basic user), folded as the class says. */
    private Mono<String> clientLabel(ServerRequest request) {
        Optional<String> fromQuery = request.queryParam("client_id");
        Optional<String> fromBasic = basicUser(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
        Mono<Optional<String>> fromForm = request.headers().contentType()
            .filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
            // the handler read the form already: the exchange keeps it
            .map(form -> request.exchange().getFormData().map(data -> Optional.ofNullable(data.getFirst("client_id"))))
            .orElse(Mono.just(Optional.empty()));
        return fromForm.onErrorReturn(Optional.empty())
            .map(form -> form.or(() -> fromQuery).or(() -> fromBasic)
                .map(id -> this.registeredClient.test(id) ? id : "unknown")
                .orElse("none"));
    }

    private static Optional<String> basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            // RFC 6749 2.3.1: the client id is form-encoded inside the Basic credentials
            return colon < 1 ? Optional.empty()
                    : Optional.of(URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    private static String decode(String value) {
        try {
            return UriUtils.decode(value, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return value;
        }
    }

    private static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 160 ? value.substring(0, 160) : value;
        return cut.replaceAll("[^\\x20-\\x7e\\u00a0-\\u017f]", "?").replace('"', '\'');
    }
}
