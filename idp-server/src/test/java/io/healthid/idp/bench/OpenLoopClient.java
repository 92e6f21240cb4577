package io.healthid.idp.bench;

import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Flow;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends the fixed-rate load with Reactor Netty's client, on its event loops: on the same two cores as the server, the
 * JDK's {@code HttpClient} (a selector thread, then an executor, then futures) added milliseconds to every measured
 * latency (bench/README.md). Takes the requests the peers build for the JDK client, body included.
 */
final class OpenLoopClient implements AutoCloseable {

    record Answer(int status, String body) {
    }

    /** Idle connections are dropped before the server's 30 s idle timeout would close one under a new request. */
    private final ConnectionProvider connections = ConnectionProvider.builder("open-loop").maxConnections(256)
        .pendingAcquireMaxCount(-1).maxIdleTime(Duration.ofSeconds(20)).build();
    private final HttpClient client = HttpClient.create(this.connections).responseTimeout(Duration.ofSeconds(60));

    Mono<Answer> send(HttpRequest request) {
        String body = bodyOf(request);
        return this.client.headers(headers -> request.headers().map().forEach(headers::add))
            .request(HttpMethod.valueOf(request.method()))
            .uri(request.uri().toString())
            .send(body == null ? Mono.empty() : ByteBufMono.fromString(Mono.just(body)))
            .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                .map(text -> new Answer(response.status().code(), text)));
    }

    /** What a request built with {@code BodyPublishers.ofString} carries; {@code null} without a body. */
    private static String bodyOf(HttpRequest request) {
        return request.bodyPublisher().filter(publisher -> publisher.contentLength() > 0).map(publisher -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.writeBytes(chunk);
                }

                @Override
                public void onError(Throwable throwable) {
                    throw new IllegalStateException(throwable);
                }

                @Override
                public void onComplete() {
                }
            });
            return bytes.toString(StandardCharsets.UTF_8);
        }).orElse(null);
    }

    @Override
    public void close() {
        this.connections.dispose();
    }
}
