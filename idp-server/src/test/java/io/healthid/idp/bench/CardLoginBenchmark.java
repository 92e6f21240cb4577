package io.healthid.idp.bench;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Complete card logins against a running server: authorization request, login page (card detection redirect), card
 * endpoint over a NEW TLS 1.2 connection presenting the card (full handshake, client certificate, CRL-checked path
 * validation, directory check, session, code), until the redirect to the relying party with a code.
 *
 * <p>{@code CardLoginBenchmark BASE_URL CARD.p12 PASSWORD SECONDS CONCURRENCY}
 */
public final class CardLoginBenchmark {

    private CardLoginBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path p12 = Path.of(args[1]);
        char[] password = args[2].toCharArray();
        int seconds = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);

        SslContext tls = cardTls(p12, password);
        HttpClient plain = plainClient();
        String authorize = authorizationRequest(base);

        for (int i = 0; i < 20; i++) {
            login(plain, tls, authorize); // warm-up: JIT, pools, CRL cache
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            workers.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    if (login(plain, tls, authorize)) {
                        latencies.add(System.nanoTime() - t0);
                    }
                    else {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        workers.shutdown();
        workers.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("card logins: %d in %.1f s = %.1f logins/s (concurrency %d, %d failures)%n", sorted.size(),
                elapsed, sorted.size() / elapsed, concurrency, failures.get());
        System.out.printf("login latency: p50 %.1f ms, p99 %.1f ms%n", percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /**
     * The card's TLS client context: TLS 1.2, the card's key and certificate, any server certificate. BoringSSL where
     * Netty's native library loads, as a browser's TLS is native: the JDK's client cost 3.3-3.7 ms of CPU per login on
     * the cores the server is measured on.
     */
    static SslContext cardTls(Path p12, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SslProvider provider = OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        return SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.2")
            .keyManager(keys).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    }

    static HttpClient plainClient() {
        return HttpClient.create().followRedirect(false).responseTimeout(Duration.ofSeconds(30));
    }

    /** The demo client's authorization request (PKCE S256 with RFC 7636's example verifier). */
    static String authorizationRequest(String base) {
        return base + "/auth/realms/esante-wallet/protocol/openid-connect/auth?response_type=code"
                + "&client_id=client-demo&redirect_uri=http://localhost:8081/login/oauth2/code/psc&scope=openid%20scope_all"
                + "&state=s&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    }

    /** One complete login; true when it ended at the relying party with a code. */
    private static boolean login(HttpClient plain, SslContext tls, String authorize) {
        String callback = callback(plain, tls, authorize);
        return callback != null && callback.contains("code=");
    }

    /** One complete login: the relying party's callback URL it ended at, {@code null} when it did not. */
    static String callback(HttpClient plain, SslContext tls, String authorize) {
        String login = location(plain, authorize);
        String cardDetection = location(plain, login);
        return location(HttpClient.newConnection().secure(spec -> spec.sslContext(tls)).followRedirect(false)
            .responseTimeout(Duration.ofSeconds(30)), cardDetection);
    }

    private static String location(HttpClient client, String url) {
        if (url == null) {
            return null;
        }
        return client.get().uri(url)
            .responseSingle((response, body) -> body.then(Mono.justOrEmpty(
                    response.responseHeaders().get("Location"))))
            .block(Duration.ofSeconds(30));
    }

    static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
