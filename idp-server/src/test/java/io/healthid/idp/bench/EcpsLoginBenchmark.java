package io.healthid.idp.bench;

import io.healthid.idp.ecps.TestDevice;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * The server's share of e-CPS browser logins, with a phone that approves at once: the phone ({@link TestDevice}, its
 * webhook on loopback) is activated with the code the card activation page shows, then each login is timed in the
 * server's four steps, as their clients see them on loopback:
 * <ol>
 * <li><b>push</b>: the browser's {@code nationalId} form until its 303 (challenge stored, push sent and acknowledged by
 * the webhook);</li>
 * <li><b>number page</b>: the waiting page showing the number;</li>
 * <li><b>phone</b>: the phone reading the challenge, then its signed approval until the 200 (DPoP proofs and the
 * signature verified, compare-and-set in Redis, the browser woken);</li>
 * <li><b>code</b>: the waiting page reloaded until the 302 to the relying party with a code (directory check, SSO
 * session, authorization code).</li>
 * </ol>
 * What the phone and the browser do themselves (signing, waiting for each other) is not counted.
 *
 * <p>{@code EcpsLoginBenchmark BASE_URL CARD_BASE_URL CARD.p12 PASSWORD NATIONAL_ID LOGINS CONCURRENCY RESULTS_DIR}
 */
public final class EcpsLoginBenchmark {

    private static final String REALM = "/auth/realms/esante-wallet";
    private static final Pattern NUMBER = Pattern.compile("id=\"ecps-number\"[^>]*>\\s*(\\d+)");
    private static final Pattern ACTIVATION_CODE = Pattern.compile("id=\"activation-code\"[^>]*>\\s*([A-Z0-9]{10})");
    private static final String[] STEPS = {"push", "number page", "phone", "code", "server total"};

    private EcpsLoginBenchmark() {
    }

    /** The durations of one login's steps, in nanoseconds, in the order of {@link #STEPS}. */
    private record Timing(long[] steps) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String cardBase = args[1];
        SslContext card = CardLoginBenchmark.cardTls(Path.of(args[2]), args[3].toCharArray());
        String nationalId = args[4];
        int logins = Integer.parseInt(args[5]);
        int concurrency = Integer.parseInt(args[6]);
        Path results = Path.of(args[7]);

        try (TestDevice phone = new TestDevice(base + REALM)) {
            activate(phone, cardBase, card);
            Map<String, CompletableFuture<Integer>> numbers = new ConcurrentHashMap<>();
            Map<String, CompletableFuture<Long>> approvals = new ConcurrentHashMap<>();
            AtomicBoolean done = new AtomicBoolean();
            Thread approver = new Thread(() -> approve(phone, numbers, approvals, done), "auto-approving-phone");
            approver.start();
            HttpClient browser = CardLoginBenchmark.plainClient();
            String authorize = CardLoginBenchmark.authorizationRequest(base);

            int warmUp = Math.max(10, logins / 10);
            for (int i = 0; i < warmUp; i++) {
                login(browser, base, authorize, nationalId, numbers, approvals);
            }
            List<Timing> timings = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger remaining = new AtomicInteger(logins);
            ExecutorService browsers = Executors.newFixedThreadPool(concurrency);
            long started = System.nanoTime();
            for (int b = 0; b < concurrency; b++) {
                browsers.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        Timing timing = login(browser, base, authorize, nationalId, numbers, approvals);
                        if (timing == null) {
                            failures.incrementAndGet();
                        }
                        else {
                            timings.add(timing);
                        }
                    }
                });
            }
            browsers.shutdown();
            browsers.awaitTermination(30, TimeUnit.MINUTES);
            double elapsed = (System.nanoTime() - started) / 1e9;
            done.set(true);
            approver.join(TimeUnit.SECONDS.toMillis(30));
            report(results, timings, failures.get(), logins, concurrency, elapsed, warmUp);
        }
    }

    /** The card activation page's code (card listener, TLS with the card), then {@code POST /devices}. */
    private static void activate(TestDevice phone, String cardBase, SslContext card) {
        String page = HttpClient.newConnection().secure(spec -> spec.sslContext(card)).followRedirect(false)
            .responseTimeout(Duration.ofSeconds(30))
            .get().uri(cardBase + REALM + "/ecps/activation")
            .responseSingle((response, body) -> body.asString())
            .block(Duration.ofSeconds(60));
        Matcher code = ACTIVATION_CODE.matcher(page == null ? "" : page);
        if (!code.find()) {
            throw new IllegalStateException("no activation code on the card activation page: " + page);
        }
        EntityExchangeResult<String> registered = phone.register(Map.of("activationCode", code.group(1)), "android", "14", "2.3.0");
        if (registered.getStatus().value() != 201) {
            throw new IllegalStateException("phone not activated: " + registered.getResponseBody());
        }
    }

    /** The phone: each push read and approved with the number its browser shows, as soon as the browser has it. */
    private static void approve(TestDevice phone, Map<String, CompletableFuture<Integer>> numbers,
            Map<String, CompletableFuture<Long>> approvals, AtomicBoolean done) {
        ExecutorService answering = Executors.newCachedThreadPool();
        while (!done.get()) {
            String challengeId;
            try {
                challengeId = phone.nextPush();
            }
            catch (AssertionError idle) {
                continue;
            }
            answering.submit(() -> {
                long t0 = System.nanoTime();
                JsonNode challenge = TestDevice.json(phone.challenge(challengeId));
                long read = System.nanoTime() - t0;
                int number = numbers.computeIfAbsent(challengeId, id -> new CompletableFuture<>()).join();
                int shown = phone.pickNumber(challenge, number);
                String answer = phone.signedAnswer(challengeId, "approve", shown, phone.key(), phone.deviceId());
                long t1 = System.nanoTime();
                int status = phone.answer(challengeId, answer).getStatus().value();
                long verified = System.nanoTime() - t1;
                approvals.computeIfAbsent(challengeId, id -> new CompletableFuture<>())
                    .complete(status == 200 ? read + verified : -1L);
            });
        }
        answering.shutdown();
    }

    /** One login; its step durations, or {@code null} when it did not end at the relying party with a code. */
    private static Timing login(HttpClient browser, String base, String authorize, String nationalId,
            Map<String, CompletableFuture<Integer>> numbers, Map<String, CompletableFuture<Long>> approvals) {
        try {
            String loginPage = location(browser.get().uri(authorize));
            String tx = loginPage.substring(loginPage.indexOf("tx=") + 3).split("&")[0];
            long t0 = System.nanoTime();
            String[] redirect = new String[2];
            browser.headers(h -> h.add("Content-Type", "application/x-www-form-urlencoded"))
                .post().uri(base + REALM + "/login-actions/ecps?tx=" + tx)
                .send(ByteBufFlux.fromString(Mono.just("nationalId=" + nationalId)))
                .responseSingle((response, body) -> body.then(Mono.fromRunnable(() -> {
                    redirect[0] = response.responseHeaders().get("Location");
                    redirect[1] = browserCookie(response.responseHeaders().getAll("Set-Cookie"));
                })))
                .block(Duration.ofSeconds(60));
            long push = System.nanoTime() - t0;
            String wait = redirect[0];
            HttpClient bound = browser.headers(h -> h.add("Cookie", redirect[1]));
            long t1 = System.nanoTime();
            String page = bound.get().uri(wait).responseSingle((response, body) -> body.asString()).block(Duration.ofSeconds(60));
            long numberPage = System.nanoTime() - t1;
            Matcher number = NUMBER.matcher(page == null ? "" : page);
            if (!number.find()) {
                return null;
            }
            String challengeId = wait.substring(wait.indexOf("challenge=") + 10).split("&")[0];
            numbers.computeIfAbsent(challengeId, id -> new CompletableFuture<>()).complete(Integer.parseInt(number.group(1)));
            long phone = approvals.computeIfAbsent(challengeId, id -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
            numbers.remove(challengeId);
            approvals.remove(challengeId);
            long t2 = System.nanoTime();
            String callback = location(bound.get().uri(wait));
            long code = System.nanoTime() - t2;
            if (phone < 0 || callback == null || !callback.contains("code=")) {
                return null;
            }
            return new Timing(new long[] {push, numberPage, phone, code, push + numberPage + phone + code});
        }
        catch (Exception ex) {
            return null;
        }
    }

    private static String browserCookie(List<String> setCookies) {
        for (String cookie : setCookies) {
            if (cookie.startsWith("IDP_ECPS_BROWSER=")) {
                return cookie.split(";", 2)[0];
            }
        }
        return "";
    }

    private static String location(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((response, body) -> body.then(Mono.justOrEmpty(response.responseHeaders().get("Location"))))
            .block(Duration.ofSeconds(60));
    }

    private static void report(Path results, List<Timing> timings, int failures, int logins, int concurrency,
            double elapsed, int warmUp) throws IOException {
        StringBuilder md = new StringBuilder();
        String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmm"));
        md.append("# e-CPS logins: the server's share, ").append(stamp).append(" UTC\n\n");
        md.append(String.format(Locale.ROOT, "Produced by `bench/ecps/run.sh %d %d`: %d logins measured (after %d warm-up "
                + "logins), %d browsers at once, one auto-approving phone (webhook on loopback), %d failures, "
                + "%.1f s, %.1f logins/s; %d cores, JDK %s. Client and server share the machine.%n%n",
                logins, concurrency, timings.size(), warmUp, concurrency, failures, elapsed, timings.size() / elapsed,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        md.append("| step | p50 ms | p99 ms | max ms |\n|---|---|---|---|\n");
        for (int step = 0; step < STEPS.length; step++) {
            List<Long> sorted = new ArrayList<>();
            for (Timing timing : timings) {
                sorted.add(timing.steps()[step]);
            }
            Collections.sort(sorted);
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", STEPS[step],
                    CardLoginBenchmark.percentile(sorted, 0.50), CardLoginBenchmark.percentile(sorted, 0.99),
                    CardLoginBenchmark.percentile(sorted, 1.0)));
        }
        md.append("\npush = form until 303 (challenge stored, push acknowledged); number page = waiting page; phone = the "
                + "phone's challenge read plus its signed approval until 200 (DPoP and signature verified); code = "
                + "waiting page reloaded until the 302 with a code. The total is the sum of the four, per login.\n");
        Files.createDirectories(results);
        Path out = results.resolve("ecps-" + stamp + ".md");
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
        System.out.println("written to " + out);
    }
}
