package io.healthid.idp.mtls.listener;

import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The card listener: a second Reactor Netty server on its own port (browsers send a client certificate only at the
 * handshake), serving the same WebFlux application as the main port. On it,
 * {@code exchange.getRequest().getSslInfo().getPeerCertificates()} holds the card's certificate.
 */
public class CardListener implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(CardListener.class);

    private final ApplicationContext context;
    private final String host;
    private final int port;
    private final SslContext tls;
    private final ListenerLimits limits;
    private volatile DisposableServer server;

    public CardListener(ApplicationContext context, String host, int port, SslContext tls, ListenerLimits limits) {
        this.limits = limits;
        this.context = context;
        this.host = host;
        this.port = port;
        this.tls = tls;
    }

    @Override
    public void start() {
        HttpHandler handler = WebHttpHandlerBuilder.applicationContext(this.context).build();
        this.server = this.limits.apply(HttpServer.create())
            .host(this.host)
            .port(this.port)
            .secure(spec -> spec.sslContext(this.tls).handshakeTimeout(Duration.ofSeconds(30)))
            .doOnConnection(CardTlsContext::forgetSessionOnceEstablished)
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow(Duration.ofSeconds(30));
        logger.info("Card listener (TLS 1.2, client certificate requested) on https://" + this.host + ":" + this.server.port());
    }

    @Override
    public void stop() {
        DisposableServer running = this.server;
        if (running != null) {
            running.disposeNow(Duration.ofSeconds(10));
            this.server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.server != null;
    }

    /** After the main web server: the application must be complete before either listener takes requests. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    public int port() {
        DisposableServer running = this.server;
        return running == null ? this.port : running.port();
    }
}
