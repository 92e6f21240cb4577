package io.healthid.idp.scale;

import io.healthid.idp.pki.Credential;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import reactor.netty.http.client.HttpClient;

/**
 * A person's browser with (or without) a card in the reader, across every host of the deployment: one cookie jar for
 * the host name {@code localhost} whatever the port (as browsers do), a new TLS 1.2 connection for each request, and
 * no redirect followed by itself, so the test sees where each one points.
 */
final class CardBrowser {

    record Response(int status, URI location, String body, String cipherSuite) {
    }

    private final Credential card;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<String> cipherSuites;

    private CardBrowser(Credential card, List<String> cipherSuites) {
        this.card = card;
        this.cipherSuites = cipherSuites;
    }

    static CardBrowser with(Credential card) {
        return new CardBrowser(card, null);
    }

    static CardBrowser withoutCard() {
        return new CardBrowser(null, null);
    }

    /** The same card, in a client that offers only these TLS cipher suites. */
    static CardBrowser offering(Credential card, List<String> cipherSuites) {
        return new CardBrowser(card, cipherSuites);
    }

    Response get(String url) {
        return get(url, Map.of());
    }

    Response get(String url, Map<String, String> headers) {
        String[] cipher = new String[1];
        return client(url, cipher)
            .headers(h -> {
                headers.forEach(h::add);
                if (!this.cookies.isEmpty()) {
                    h.add("Cookie", String.join("; ", this.cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                }
            })
            .get().uri(url)
            .responseSingle((response, body) -> {
                response.responseHeaders().getAll("Set-Cookie").forEach(this::remember);
                String location = response.responseHeaders().get("Location");
                int status = response.status().code();
                return body.asString().defaultIfEmpty("")
                    .map(text -> new Response(status, location == null ? null : URI.create(url).resolve(location), text,
                            cipher[0]));
            })
            .block(Duration.ofSeconds(60));
    }

    /** GET and expect a redirect: where it points. */
    URI redirectFrom(String url) {
        Response response = get(url);
        if (response.status() != 302 || response.location() == null) {
            throw new AssertionError("Expected a redirect from " + url + " but got " + response.status() + ": "
                    + response.body());
        }
        return response.location();
    }

    boolean hasCookie(String name) {
        return this.cookies.containsKey(name);
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals).trim();
        String value = pair.substring(equals + 1).trim();
        if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
            this.cookies.remove(name);
        }
        else {
            this.cookies.put(name, value);
        }
    }

    private HttpClient client(String url, String[] cipher) {
        HttpClient client = HttpClient.newConnection().followRedirect(false).responseTimeout(Duration.ofSeconds(30));
        if (!url.startsWith("https:")) {
            return client;
        }
        SslContext tls;
        try {
            SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.2")
                .trustManager(InsecureTrustManagerFactory.INSTANCE);
            if (this.card != null) {
                builder.keyManager(this.card.privateKey(), this.card.chain().toArray(X509Certificate[]::new));
            }
            if (this.cipherSuites != null) {
                builder.ciphers(this.cipherSuites);
            }
            tls = builder.build();
        }
        catch (SSLException ex) {
            throw new IllegalStateException(ex);
        }
        return client.secure(spec -> spec.sslContext(tls))
            .doOnConnected(connection -> connection.channel().pipeline().get(SslHandler.class)
                .handshakeFuture().addListener(done -> {
                    if (done.isSuccess()) {
                        cipher[0] = connection.channel().pipeline().get(SslHandler.class)
                            .engine().getSession().getCipherSuite();
                    }
                }));
    }
}
