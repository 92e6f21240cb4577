package io.healthid.idp.testsupport;

import io.healthid.idp.pki.Credential;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;

/**
 * A browser with a card in the reader: a real TLS 1.2 handshake on a new connection for every request, presenting the
 * card's certificate when the server asks for one, and recording what the server's CertificateRequest offered. A reader
 * {@link #keepingTlsSessions() keeping its TLS sessions} offers to resume them, as browsers do, and its card can be
 * {@link #removeCard() taken out}.
 */
public final class CardReader {

    /** The response of one request, redirects not followed. */
    public record Response(int status, String location, String body) {
    }

    private final RecordingKeyManager keys;
    private final String localAddress;
    private final SslContext keptTls;

    private CardReader(Credential card, String localAddress, boolean keepTlsSessions) {
        this.keys = new RecordingKeyManager(card);
        this.localAddress = localAddress;
        this.keptTls = keepTlsSessions ? newTls() : null;
    }

    public static CardReader with(Credential card) {
        return new CardReader(card, "127.0.0.1", false);
    }

    public static CardReader empty() {
        return new CardReader(null, "127.0.0.1", false);
    }

    /** The same reader, connecting from another loopback address (e.g. the trusted proxy's). */
    public CardReader from(String address) {
        return new CardReader(this.keys.card, address, false);
    }

    /** The same card in a reader whose TLS sessions (session IDs and tickets) outlive its connections. */
    public CardReader keepingTlsSessions() {
        return new CardReader(this.keys.card, this.localAddress, true);
    }

    /** The card leaves the reader: the next full handshake presents no certificate. */
    public void removeCard() {
        this.keys.card = null;
    }

    public Response get(String url, Map<String, String> headers) {
        return client(url).headers(h -> headers.forEach(h::add))
            .get().uri(url)
            .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .map(text -> new Response(response.status().code(), response.responseHeaders().get("Location"), text)))
            .block(Duration.ofSeconds(60));
    }

    /** A form POST (a back-channel call of a mutual-TLS client). */
    public Response post(String url, String form) {
        return client(url).headers(h -> h.add("Content-Type", "application/x-www-form-urlencoded"))
            .post().uri(url)
            .send(ByteBufFlux.fromString(Mono.just(form)))
            .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                .map(text -> new Response(response.status().code(), response.responseHeaders().get("Location"), text)))
            .block(Duration.ofSeconds(60));
    }

    private SslContext newTls() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.2")
                .keyManager(this.keys).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private HttpClient client(String url) {
        SslContext tls = this.keptTls == null ? newTls() : this.keptTls;
        HttpClient client = HttpClient.newConnection()
            .bindAddress(() -> new InetSocketAddress(this.localAddress, 0))
            .followRedirect(false)
            .responseTimeout(Duration.ofSeconds(30));
        return url.startsWith("https:") ? client.secure(spec -> spec.sslContext(tls)) : client;
    }

    public Response get(String url) {
        return get(url, Map.of());
    }

    /** The signature algorithms the server's CertificateRequest listed, as the JDK names them. */
    public List<String> offeredSignatureAlgorithms() {
        return this.keys.offered;
    }

    /** The CA names the server's CertificateRequest listed. */
    public List<Principal> acceptedIssuers() {
        return this.keys.issuers;
    }

    private static final class RecordingKeyManager extends X509ExtendedKeyManager {

        private volatile Credential card;
        private volatile List<String> offered = List.of();
        private volatile List<Principal> issuers = List.of();

        RecordingKeyManager(Credential card) {
            this.card = card;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            this.offered = List.of(((ExtendedSSLSession) engine.getHandshakeSession()).getPeerSupportedSignatureAlgorithms());
            this.issuers = issuers == null ? List.of() : List.of(issuers);
            return this.card == null ? null : "card";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return this.card == null ? null : "card";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return this.card == null ? null : this.card.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return this.card == null ? null : this.card.privateKey();
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return this.card == null ? null : new String[] {"card"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
