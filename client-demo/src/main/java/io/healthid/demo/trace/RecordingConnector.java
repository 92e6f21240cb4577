package io.healthid.demo.trace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The demo's HTTP client connector, recording each request it sends to the identity provider (token, userinfo) and
 * the answer, byte for byte then masked, into the trace of the browser request being handled. The browser request is
 * found in the Reactor context, where Spring Security puts it.
 */
public final class RecordingConnector implements ClientHttpConnector {

    private final ClientHttpConnector delegate;
    private final Function<URI, String> stepOf;

    /** @param stepOf names the step of a request (a message key) from its URL */
    public RecordingConnector(ClientHttpConnector delegate, Function<URI, String> stepOf) {
        this.delegate = delegate;
        this.stepOf = stepOf;
    }

    @Override
    public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
            Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
        return Mono.deferContextual(context -> {
            if (!context.hasKey(ServerWebExchange.class)) {
                return this.delegate.connect(method, uri, requestCallback);
            }
            LoginTrace trace = LoginTrace.of(context.get(ServerWebExchange.class));
            AtomicReference<List<String>> sentHeaders = new AtomicReference<>(List.of());
            AtomicReference<String> sentBody = new AtomicReference<>("");
            return this.delegate.connect(method, uri, request -> requestCallback.apply(new ClientHttpRequestDecorator(request) {
                    @Override
                    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                        return DataBufferUtils.join(body).flatMap(buffer -> {
                            sentHeaders.set(headerLines(getHeaders()));
                            sentBody.set(mask(getHeaders().getContentType(),
                                    buffer.toString(buffer.readPosition(), buffer.readableByteCount(), StandardCharsets.UTF_8)));
                            return super.writeWith(Mono.just(buffer));
                        });
                    }

                    @Override
                    public Mono<Void> setComplete() {
                        sentHeaders.set(headerLines(getHeaders()));
                        return super.setComplete();
                    }
                }))
                .map(response -> new ClientHttpResponseDecorator(response) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return DataBufferUtils.join(super.getBody()).doOnNext(buffer -> trace.add(new HttpExchangeRecord(
                                stepOf.apply(uri), "demo", method.name() + " " + Masking.url(uri), sentHeaders.get(),
                                sentBody.get(), Integer.toString(response.getStatusCode().value()),
                                headerLines(response.getHeaders()),
                                mask(response.getHeaders().getContentType(), buffer.toString(buffer.readPosition(),
                                        buffer.readableByteCount(), StandardCharsets.UTF_8)))))
                            .flux();
                    }
                });
        });
    }

    private static String mask(MediaType type, String body) {
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)) {
            return Masking.form(body);
        }
        return Masking.json(body);
    }

    private static List<String> headerLines(HttpHeaders headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, values) -> values.forEach(value -> lines.add(Masking.header(name, value))));
        return lines;
    }
}
