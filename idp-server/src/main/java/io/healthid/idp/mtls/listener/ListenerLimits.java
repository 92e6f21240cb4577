package io.healthid.idp.mtls.listener;

import io.healthid.idp.settings.ResourceLimits;
import java.util.function.UnaryOperator;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * The same connection bounds on the main listener and the card listener: idle, read and whole-request timeouts,
 * a deadline for the request headers ({@link RequestHeaderDeadline}), and a connection cap (Reactor Netty closes
 * what is past it).
 */
public final class ListenerLimits implements UnaryOperator<HttpServer> {

    private final ResourceLimits limits;

    public ListenerLimits(ResourceLimits limits) {
        this.limits = limits;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.idleTimeout(this.limits.idleTimeout())
            .readTimeout(this.limits.readTimeout())
            .requestTimeout(this.limits.requestTimeout())
            .maxConnections(this.limits.maxConnections())
            .doOnChannelInit((observer, channel, remote) -> {
                RequestHeaderDeadline deadline = new RequestHeaderDeadline(this.limits.requestTimeout());
                if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                    channel.pipeline().addAfter(NettyPipeline.HttpCodec, "idp.requestHeaderDeadline", deadline);
                }
                else {
                    channel.pipeline().addLast("idp.requestHeaderDeadline", deadline);
                }
            });
    }
}
