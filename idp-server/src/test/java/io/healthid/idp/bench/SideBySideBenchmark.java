package io.healthid.idp.bench;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import reactor.netty.http.client.HttpClient;

/**
 * Our server and Keycloak, one after the other on this machine: each started fresh (time to ready), warmed up, then
 * for client credentials, refresh, code redemption, userinfo and introspection: throughput at saturation (16 requests
 * in flight) and latency at a fixed offered rate (half of Keycloak's peak for that endpoint); RSS after the run; for
 * us also complete card logins (a new TLS handshake each); then the signing ceiling of this JVM; then the report.
 *
 * <p>{@code SideBySideBenchmark ROOT KEYCLOAK_HOME|none KEYCLOAK_JAVA_HOME OUT_DIR [SCALE]}
 */
public final class SideBySideBenchmark {

    static final List<String> ENDPOINTS = List.of("client_credentials", "refresh_token", "authorization_code",
            "userinfo", "introspection");
    /** Refresh chains: wrk loses the ones in flight when a phase ends (16 each), the fixed rate needs a few dozen. */
    private static final int CHAINS = 72;
    private static final int RESERVED_CHAINS = 4;
    /** Before each fixed-rate phase (but code redemption's), the same rate uncounted: see {@link #measure}. */
    private static final Duration RAMP = Duration.ofSeconds(1);
    /**
     * README's command (ADR 0015, 0016): the JVM options of {@code idp-server/jvm.options}, or {@code
     * BENCH_JVM_OPTIONS} (other options, for comparisons).
     */
    static List<String> jvmOptions(Path root) throws IOException {
        String other = System.getenv("BENCH_JVM_OPTIONS");
        return other == null || other.isBlank() ? readmeOptions(root) : List.of(other.trim().split("\\s+"));
    }

    static List<String> readmeOptions(Path root) throws IOException {
        return Files.readAllLines(root.resolve("idp-server/jvm.options")).stream()
            .map(line -> line.replaceFirst("#.*", "").trim())
            .filter(option -> !option.isEmpty())
            .toList();
    }

    /** This JVM's GC log, which run.sh asks for ({@code -Xlog:gc:file=...}): none, no pauses told. */
    static final Path GENERATOR_GC_LOG = Path.of(System.getProperty("bench.generator-gc-log", "none"));

    /** README's command runs with it: two malloc arenas instead of eight per core (ADR 0015). */
    static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** What one server did: per endpoint saturation and fixed-rate results, and its process figures. */
    static final class Run {
        final String name;
        final Map<String, Wrk.Phase> warmups = new LinkedHashMap<>();
        final Map<String, Wrk.Phase> saturation = new LinkedHashMap<>();
        /** CPU time of the server's processes (JVM, and for us embedded PostgreSQL and Redis) per saturation request. */
        final Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
        final Map<String, Double> rates = new LinkedHashMap<>();
        final Map<String, LoadGenerator.Result> fixed = new LinkedHashMap<>();
        /** The server's collector pauses during each fixed-rate phase (its GC log). */
        final Map<String, GcPauses.Summary> fixedPauses = new LinkedHashMap<>();
        /** This JVM's own pauses in the same phases: a stall of the open-loop client counts as latency too. */
        final Map<String, GcPauses.Summary> generatorPauses = new LinkedHashMap<>();
        Path gcLog;
        long readyMillis;
        /** Ours: the JVM options it ran with, and whether they are README's. */
        List<String> jvmOptions = List.of();
        boolean readmeCommand;
        double jvmRssMb;
        /** The JVM's RSS after the endpoints' phases, before the warm logins (the run's end until 3 December). */
        double jvmRssBeforeWarmLoginsMb;
        double childrenRssMb;
        /** Complete logins while codes are minted, in the JVM's first seconds (its compiler busy). */
        Logins coldLogins;
        /** Complete logins after every endpoint's phases, the JVM warm as for the endpoints: what is reported. */
        Logins logins;
        int loginConcurrency;
        /** Logins before the measured warm ones, not counted. */
        Duration loginWarmUp = Duration.ZERO;
        int codes;

        Run(String name) {
            this.name = name;
        }
    }

    private final Duration firstWarmCap;
    private final Duration firstWarmAtLeast;
    private final Duration refreshWarmAtLeast;
    private final Duration warmCap;
    private final Duration saturate;
    private final Duration steady;
    private final Duration minting;
    private final Duration loginPhase;
    private final Duration cardLoginWarmUp;
    private final Path script;
    private final Path work;

    private SideBySideBenchmark(double scale, Path script, Path work) {
        // the first endpoint warms the JIT for all of them; the cap only bounds a server that never settles
        this.firstWarmCap = Duration.ofSeconds(Math.max(10, Math.round(90 * scale)));
        // two windows agree within 10 % while C2 still compiles the token path (rates rising 10 % a window for a
        // minute): both servers get a minute on the first endpoint
        this.firstWarmAtLeast = Duration.ofSeconds(Math.round(60 * scale));
        // the refresh path (a second signature, the ID token's claims, the replay mark, the session check) was still
        // rising 10 % a window when two windows first agreed, at 15-20 s, for both servers: half a minute
        this.refreshWarmAtLeast = Duration.ofSeconds(Math.round(30 * scale));
        this.warmCap = Duration.ofSeconds(Math.max(10, Math.round(40 * scale)));
        // 8 s: the card logins' warm-up below fits in the run's ten minutes (CPU per request over 2000 requests or more)
        this.saturate = Duration.ofSeconds(Math.max(2, Math.round(8 * scale)));
        this.steady = Duration.ofMillis((long) (6000 * scale));
        this.minting = Duration.ofMillis((long) (20000 * scale));
        this.loginPhase = Duration.ofMillis((long) (10000 * scale));
        // the card path (the JDK's TLS, PKIX with CRLs, the card listener) is its own: after 45 s of logins the
        // compiler threads still took 26 % of the server's CPU (async-profiler); the issue's target is ours alone
        this.cardLoginWarmUp = Duration.ofMillis((long) (30000 * scale));
        this.script = script;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path keycloakHome = Path.of(args[1]);
        Path keycloakJava = Path.of(args[2]);
        Path out = Path.of(args[3]);
        double scale = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        Files.createDirectories(out);
        for (int port : new int[] {28080, 28443, 28190, 28180}) {
            requireFree(port);
        }
        Path work = Files.createTempDirectory("side-by-side");
        SideBySideBenchmark bench = new SideBySideBenchmark(scale, root.resolve("bench/side-by-side/load.lua"), work);

        if (args[1].equals("none")) {
            // profiling runs (bench/README.md): our server alone, fixed rates at half its own peak, no report
            Run alone = bench.ours(root, work, null);
            log(String.format(Locale.ROOT, "healthid: RSS after the run %.0f MB JVM (+ %.0f MB embedded stores)",
                    alone.jvmRssMb, alone.childrenRssMb));
            return;
        }
        Run keycloak = bench.keycloak(keycloakHome, keycloakJava, work);
        Run ours = bench.ours(root, work, keycloak.rates);
        log("signing ceiling");
        double[] ceiling = SigningCeiling.measure(Duration.ofSeconds(4));
        BenchReport.write(out, keycloak, ours, ceiling, keycloakHome, keycloakJava, scale);
    }

    private Run keycloak(Path home, Path java, Path work) throws Exception {
        Run run = new Run("Keycloak");
        String base = "http://127.0.0.1:28180";
        deleteRecursively(home.resolve("data"));
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-port=28180",
                "--http-relative-path=/auth");
        run.gcLog = work.resolve("keycloak-gc.log");
        Map<String, String> environment = Map.of("JAVA_HOME", java.toString(), "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-password", "JAVA_OPTS_APPEND", GcPauses.option(run.gcLog));
        String ready = base + "/auth/realms/master/.well-known/openid-configuration";
        log("Keycloak: start (empty H2 database)");
        try (ServerProcess server = ServerProcess.start(command, environment, home, ready, work.resolve("keycloak.log"));
                LoadGenerator load = new LoadGenerator()) {
            run.readyMillis = server.readyMillis;
            KeycloakPeer.setUp(load.http(), base, "admin", "admin-password");
            Peer peer = new Peer("Keycloak", base, () -> KeycloakPeer.login(load.http(), base));
            measure(peer, server, load, run, null, 8, Duration.ZERO);
            run.jvmRssMb = server.jvmRssMb();
            run.childrenRssMb = server.childrenRssMb();
        }
        return run;
    }

    private Run ours(Path root, Path work, Map<String, Double> rates) throws Exception {
        Run run = new Run("healthid");
        String base = "http://127.0.0.1:28080";
        Path data = Files.createDirectories(work.resolve("ours"));
        // the build's unpacked jar beside its class-data-sharing archive, which names these very files (no copy);
        // BENCH_APP: another build's (before/after comparisons in ours-only runs)
        String otherApp = System.getenv("BENCH_APP");
        Path app = otherApp == null || otherApp.isBlank() ? root.resolve("idp-server/target/idp-server") : Path.of(otherApp);
        Path jar = app.resolve("idp-server.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jfr = System.getenv("BENCH_JFR");
        if (jfr != null && !jfr.isBlank()) {
            command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
            // JFR keeps 64 frames by default: a Jackson or Reactor stack is deeper, and its outer frames (ours) were lost
            command.add("-XX:FlightRecorderOptions:stackdepth=512");
        }
        run.jvmOptions = jvmOptions(root);
        run.readmeCommand = run.jvmOptions.equals(readmeOptions(root));
        command.addAll(run.jvmOptions); // as README's command, unless a comparison asks for others
        if (jfr == null || jfr.isBlank()) {
            // JDK 17's class-data sharing and a recording started with the JVM crash it (ADR 0016): profiles go without
            command.add("-XX:SharedArchiveFile=" + app.resolve("idp-server.jsa"));
        }
        run.gcLog = work.resolve("ours-gc.log");
        command.add(GcPauses.option(run.gcLog)); // a diagnostic: were the fixed rates' tails collections?
        command.addAll(List.of("-jar", jar.toString(), "--server.port=28080", "--idp.card.port=28443",
                "--management.server.port=28190",
                "--idp.card.public-url=https://localhost:28443", "--idp.tokens.authorization-code=600s",
                // the loopback load generator is one address: the per-address login limit (30/min) would be measured
                "--idp.resources.login-transactions-per-minute=1000000",
                // a loaded machine can take more than the default 2 s to open the embedded Redis connection
                "--spring.data.redis.timeout=10s", "--spring.data.redis.connect-timeout=10s"));
        String ready = base + "/auth/realms/esante-wallet/.well-known/openid-configuration";
        log("healthid: start (empty data directory: initdb, test PKI, sample directory)");
        try (ServerProcess server = ServerProcess.start(command, ENVIRONMENT, data, ready, work.resolve("ours.log"));
                LoadGenerator load = new LoadGenerator()) {
            run.readyMillis = server.readyMillis;
            Process issue = new ProcessBuilder(command.get(0), "-jar", jar.toString(), "pki", "issue-card", "--idnat",
                    "819990000010", "--password", "bench-password", "--out", "card.p12", "--server.port=28080")
                .directory(data.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("issue-card.log").toFile())
                .start();
            if (!issue.waitFor(2, TimeUnit.MINUTES) || issue.exitValue() != 0) {
                throw new IllegalStateException("pki issue-card failed, see " + work.resolve("issue-card.log"));
            }
            SslContext tls = CardLoginBenchmark.cardTls(data.resolve("card.p12"), "bench-password".toCharArray());
            HttpClient plain = CardLoginBenchmark.plainClient();
            String authorize = CardLoginBenchmark.authorizationRequest(base);
            Peer peer = new Peer("healthid", base, () -> CardLoginBenchmark.callback(plain, tls, authorize));
            measure(peer, server, load, run, rates, 8, this.cardLoginWarmUp);
            run.jvmRssMb = server.jvmRssMb();
            run.childrenRssMb = server.childrenRssMb();
        }
        return run;
    }

    /**
     * @param rates the fixed offered rates; {@code null}: half of this server's own peak
     * @param loginWarmUp logins before the warm ones that are measured, not counted
     */
    private void measure(Peer peer, ServerProcess server, LoadGenerator load, Run run, Map<String, Double> rates,
            int loginThreads, Duration loginWarmUp) throws Exception {
        log(peer.name + ": minting " + CHAINS + " refresh chains, then codes for " + this.minting.toSeconds() + " s, by complete logins");
        List<String> chains = new ArrayList<>();
        for (String code : mint(peer, CHAINS, 4, null)) {
            HttpResponse<String> tokens = load.http().send(peer.redeem(code), HttpResponse.BodyHandlers.ofString());
            String refresh = Peer.member(tokens, "refresh_token");
            if (refresh != null) {
                chains.add(refresh);
            }
        }
        // a few chains stay with the in-process client (userinfo and introspection tokens); wrk rotates the others
        Queue<String> reserve = new ConcurrentLinkedQueue<>(chains.subList(0, RESERVED_CHAINS));
        List<String> refreshPool = new ArrayList<>(chains.subList(RESERVED_CHAINS, chains.size()));
        List<String> codes = new ArrayList<>();
        run.coldLogins = logins(peer, server, this.minting, loginThreads, codes);
        run.loginConcurrency = loginThreads;
        run.codes = codes.size();
        log(peer.name + ": minting, " + run.coldLogins);
        // the code pool: a tenth to warm up, half for saturation, the rest (and what saturation left) for the fixed rate
        int warmCodes = codes.size() / 10;
        int saturationCodes = codes.size() / 2;

        Wrk wrk = new Wrk(this.script, this.work, peer.base);
        boolean first = true;
        for (String endpoint : ENDPOINTS) {
            String accessToken = endpoint.equals("userinfo") || endpoint.equals("introspection")
                    ? freshAccessToken(peer, reserve, load) : null;
            Wrk.Request request = peer.wrk(endpoint, accessToken);
            List<String> pool = switch (endpoint) {
                case "refresh_token" -> refreshPool;
                case "authorization_code" -> new ArrayList<>(codes.subList(0, warmCodes));
                default -> null;
            };
            // until two consecutive 5 s windows agree within 10 %: the JIT of a cold JVM on 2 cores takes minutes
            Wrk.Phase warmup = endpoint.equals("authorization_code") ? wrk.run(request, pool, this.warmCap)
                    : wrk.warmUp(request, pool, first ? this.firstWarmCap : this.warmCap,
                            first ? this.firstWarmAtLeast : endpoint.equals("refresh_token") ? this.refreshWarmAtLeast
                                    : Duration.ZERO);
            first = false;
            if (endpoint.equals("authorization_code")) {
                pool = new ArrayList<>(codes.subList(warmCodes, warmCodes + saturationCodes));
            }
            long cpuBefore = server.cpuMillis();
            Wrk.Phase saturation = wrk.run(request, pool, this.saturate);
            double cpuPerRequest = (server.cpuMillis() - cpuBefore) / (double) Math.max(1, saturation.ok() + saturation.failed());
            double rate = rates == null ? saturation.perSecond() / 2 : rates.get(endpoint);
            Duration steadyFor = this.steady;
            LoadGenerator.Call call = switch (endpoint) {
                case "client_credentials" -> peer::clientCredentials;
                case "refresh_token" -> rotating(peer, new ConcurrentLinkedQueue<>(refreshPool));
                case "authorization_code" -> {
                    List<String> fixedCodes = new ArrayList<>(codes.subList(warmCodes + saturationCodes, codes.size()));
                    fixedCodes.addAll(pool);
                    steadyFor = Duration.ofMillis(Math.min(this.steady.toMillis(), (long) (fixedCodes.size() / rate * 1000)));
                    yield redeeming(peer, new ConcurrentLinkedQueue<>(fixedCodes));
                }
                case "userinfo" -> fixedToken(peer::userinfo, accessToken, "sub");
                default -> fixedToken(peer::introspect, accessToken, "active");
            };
            if (!endpoint.equals("authorization_code")) {
                // the same rate for a second, not counted: the client opens the connections the rate needs (a storm
                // of new connections made the first second's tail for both servers); codes are too few to spare
                load.openLoop(call, rate, RAMP);
            }
            Instant steadyFrom = Instant.now();
            LoadGenerator.Result steady = load.openLoop(call, rate, steadyFor);
            run.fixedPauses.put(endpoint, GcPauses.between(run.gcLog, steadyFrom, Instant.now()));
            run.generatorPauses.put(endpoint, GcPauses.between(GENERATOR_GC_LOG, steadyFrom, Instant.now()));
            if (endpoint.equals("refresh_token")) {
                refreshPool.clear(); // rotated by the fixed-rate phase: spent
            }
            run.warmups.put(endpoint, warmup);
            run.saturation.put(endpoint, saturation);
            run.cpuPerRequest.put(endpoint, cpuPerRequest);
            run.rates.put(endpoint, rate);
            run.fixed.put(endpoint, steady);
            log(String.format("%s %-18s warm-up %.0f s %s | saturation %7.1f req/s (%d failed), %.2f ms CPU/request"
                    + " | at %6.1f req/s: p50 %6.2f ms p99 %7.2f ms (%d failed), %s; worst latency of each second, ms:"
                    + " %s", peer.name, endpoint, warmup.seconds(), warmup.windows(), saturation.perSecond(),
                    saturation.failed(), cpuPerRequest, rate, steady.p50(), steady.p99(), steady.failures(),
                    run.fixedPauses.get(endpoint), steady.worstPerSecond()) + "; the load generator's JVM: "
                    + run.generatorPauses.get(endpoint));
        }
        // logins again, warm: the minting ran in the JVM's first seconds, while its compiler took a core
        run.jvmRssBeforeWarmLoginsMb = server.jvmRssMb();
        run.loginWarmUp = loginWarmUp;
        if (!loginWarmUp.isZero()) {
            mintFor(peer, loginWarmUp, loginThreads, null);
        }
        run.logins = logins(peer, server, this.loginPhase, loginThreads, new ArrayList<>());
        log(peer.name + ": warm, " + run.logins);
    }

    /** What complete logins cost: their rate and latency, and CPU per login of the server and of this JVM (client). */
    record Logins(LoadGenerator.Result result, double serverCpuPerLogin, double clientCpuPerLogin) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d complete logins at %.1f/s, p50 %.1f ms, p99 %.1f ms, CPU per login: "
                    + "server %.1f ms, client %.1f ms", result.requests(), result.perSecond(), result.p50(),
                    result.p99(), serverCpuPerLogin, clientCpuPerLogin);
        }
    }

    private static Logins logins(Peer peer, ServerProcess server, Duration duration, int threads, List<String> codes)
            throws InterruptedException {
        ConcurrentHistogram latencies = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
        long started = System.nanoTime();
        long serverCpuBefore = server.cpuMillis();
        long clientCpuBefore = ServerProcess.cpuMillisOf(ProcessHandle.current().pid());
        codes.addAll(mintFor(peer, duration, threads, latencies));
        double count = Math.max(1, codes.size());
        return new Logins(new LoadGenerator.Result(codes.size(), 0, (System.nanoTime() - started) / 1e9, latencies, 0,
                List.of()), (server.cpuMillis() - serverCpuBefore) / count,
                (ServerProcess.cpuMillisOf(ProcessHandle.current().pid()) - clientCpuBefore) / count);
    }

    private static List<String> mint(Peer peer, int count, int threads, ConcurrentHistogram latencies)
            throws InterruptedException {
        return LoadGenerator.collect(count, threads, () -> {
            long started = System.nanoTime();
            String code = peer.mintCode();
            if (code != null && latencies != null) {
                latencies.recordValue((System.nanoTime() - started) / 1000);
            }
            return code;
        }, made -> log(peer.name + ": minted " + made + " codes"));
    }

    /** Complete logins on {@code threads} threads for {@code duration} (their latencies, unless null): the codes they ended with. */
    private static List<String> mintFor(Peer peer, Duration duration, int threads, ConcurrentHistogram latencies)
            throws InterruptedException {
        List<String> codes = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    String code = peer.mintCode();
                    if (code != null) {
                        if (latencies != null) {
                            latencies.recordValue((System.nanoTime() - started) / 1000);
                        }
                        codes.add(code);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        return new ArrayList<>(codes);
    }

    /** Each refresh token is used once and replaced by the one it returns (rotation, as a client does). */
    private static LoadGenerator.Call rotating(Peer peer, Queue<String> refreshTokens) {
        return new LoadGenerator.Call() {
            @Override
            public HttpRequest next() {
                String token = refreshTokens.poll();
                return token == null ? null : peer.refresh(token);
            }

            @Override
            public boolean accept(int status, String body) {
                String rotated = status == 200 ? Peer.member(body, "refresh_token") : null;
                if (rotated != null) {
                    refreshTokens.add(rotated);
                }
                return rotated != null;
            }
        };
    }

    private static LoadGenerator.Call redeeming(Peer peer, Queue<String> codes) {
        return new LoadGenerator.Call() {
            @Override
            public HttpRequest next() {
                String code = codes.poll();
                return code == null ? null : peer.redeem(code);
            }

            @Override
            public boolean accept(int status, String body) {
                return status == 200 && Peer.member(body, "id_token") != null;
            }
        };
    }

    /** A fresh practitioner access token: one refresh of a reserved chain. */
    private static String freshAccessToken(Peer peer, Queue<String> reserve, LoadGenerator load) throws Exception {
        HttpResponse<String> tokens = load.http().send(peer.refresh(reserve.remove()), HttpResponse.BodyHandlers.ofString());
        reserve.add(Peer.member(tokens, "refresh_token"));
        return Peer.member(tokens, "access_token");
    }

    /** Userinfo or introspection of one practitioner access token. */
    private static LoadGenerator.Call fixedToken(Function<String, HttpRequest> request,
            String accessToken, String expectedMember) {
        return new LoadGenerator.Call() {
            @Override
            public HttpRequest next() {
                return request.apply(accessToken);
            }

            @Override
            public boolean accept(int status, String body) {
                return status == 200 && body.contains("\"" + expectedMember + "\"") && !body.contains("\"active\":false");
            }
        };
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (var paths = Files.walk(path)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Another server on a port would be measured in our place (other benchmarks use 18080). */
    private static void requireFree(int port) throws IOException {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        }
        catch (BindException taken) {
            throw new IllegalStateException("port " + port + " is in use: stop what listens there first");
        }
    }

    static void log(String line) {
        System.out.println(LocalTime.now().withNano(0) + " " + line);
    }
}
