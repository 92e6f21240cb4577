package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A malformed-input generator: more than ten thousand requests across every endpoint, with broken encodings,
 * repeated and huge values, wrong types, invalid JWTs and assertions, broken {@code Client-Cert} headers, invalid
 * national identifiers, bad cookies and headers. Each answer must be a 4xx (or a 2xx/3xx the protocol allows),
 * never a 5xx; no body names an exception or shows a stack; no HTML page reflects the input; JSON errors use the RFC
 * codes and carry the correlation id of the answer's header, as error pages do; and the log, captured meanwhile,
 * holds no token, code, secret or query string and no stack trace at ERROR. The counts go to
 * {@code target/malformed-input-sweep.md}.
 */
@IdpIntegrationTest
@Tag("RFC6749-5.2")
@Tag("RFC6750-3.1")
class MalformedInputSweepTest {

    private static final int REQUESTS = 10_200;
    private static final int CONCURRENCY = 24;
    /** Put in values that a page could echo: never to appear unescaped in HTML. */
    private static final String MARKER = "<xss7q>";
    private static final String ENCODED_MARKER = "%3Cxss7q%3E";
    private static final Pattern QUERY_IN_LOG = Pattern.compile(
            "[?&](code|tx|id_token_hint|client_secret|token|refresh_token|client_assertion)=");
    private static final Set<String> RFC_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope", "invalid_token", "insufficient_scope",
            "unsupported_response_type", "access_denied", "request_not_supported", "login_required",
            "temporarily_unavailable", "unsupported_token_type", "invalid_dpop_proof",
            // OpenID CIBA Core 13 and 11
            "unknown_user_id", "invalid_binding_message", "expired_login_hint_token", "missing_user_code",
            "invalid_user_code", "authorization_pending", "slow_down", "expired_token",
            // the e-CPS device API (docs/ecps-device-api.openapi.yaml)
            "not_found", "replayed", "expired", "rate_limited");

    private static final String R = RelyingParty.REALM;
    private static final String FORM = "application/x-www-form-urlencoded";

    private record Case(String endpoint, HttpMethod method, String uri, Map<String, String> headers, byte[] body,
            boolean viaProxy) {
    }

    private record Answer(Case request, int status, String contentType, String body, String correlationId) {
    }

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    void everyEndpointWhenInputMalformedThenFourHundredsWithoutLeaks() throws Exception {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        String accessToken = (String) tokens.get("access_token");
        String refreshToken = (String) tokens.get("refresh_token");
        String idToken = (String) tokens.get("id_token");
        URI login = new Browser(ServerPort.PORT).redirectFrom(RelyingParty.demoAuthorizationRequest());
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        List<String> secrets = List.of(accessToken, refreshToken, idToken, tx, RelyingParty.DEMO_SECRET, "es256-app-secret");

        List<Case> cases = new Generator(new Random(8), accessToken, refreshToken, idToken, tx).cases(REQUESTS);

        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        List<Answer> answers;
        // idle pooled connections retired well before the server's idle timeout closes them under a new request
        ConnectionProvider pool = ConnectionProvider.builder("sweep").maxConnections(CONCURRENCY * 2)
            .maxIdleTime(Duration.ofSeconds(1)).build();
        try {
            HttpClient direct = client(pool, "127.0.0.1");
            HttpClient proxy = client(pool, "127.0.0.2");
            answers = Flux.fromIterable(cases)
                .flatMap(request -> send(request.viaProxy() ? proxy : direct, request), CONCURRENCY)
                .collectList().block(Duration.ofMinutes(5));
        }
        finally {
            root.detachAppender(log);
            pool.disposeLater().block(Duration.ofSeconds(10));
        }

        writeSummary(answers);
        assertThat(answers).hasSize(cases.size());
        List<String> problems = new ArrayList<>();
        for (Answer answer : answers) {
            String where = answer.request().endpoint() + " " + answer.request().method() + " "
                    + abbreviate(answer.request().uri()) + " " + answer.request().headers().keySet();
            if (answer.status() >= 500 || answer.status() < 100) {
                problems.add(answer.status() + " from " + where + ": " + abbreviate(answer.body()));
            }
            if (answer.status() > 0 && (answer.body().contains("Exception") || answer.body().contains("\tat ")
                    || answer.body().contains("java."))) {
                problems.add("exception text from " + where);
            }
            if (answer.contentType().startsWith("text/html") && answer.body().contains(MARKER)) {
                problems.add("reflected input from " + where);
            }
            if (answer.contentType().startsWith("application/json") && answer.body().contains("\"error\"")) {
                String code = answer.body().replaceAll("(?s).*\"error\"\\s*:\\s*\"([^\"]*)\".*", "$1");
                if (!RFC_ERRORS.contains(code)) {
                    problems.add("error code '" + code + "' from " + where);
                }
                if (!answer.body().contains("\"" + CorrelationId.BODY_MEMBER + "\":\"" + answer.correlationId() + "\"")) {
                    problems.add("error body without its correlation id from " + where);
                }
            }
            if (answer.contentType().startsWith("text/html") && answer.status() >= 400
                    && !answer.body().contains(answer.correlationId())) {
                problems.add("error page without its correlation id from " + where);
            }
        }
        for (ILoggingEvent event : log.list) {
            String line = event.getFormattedMessage();
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getThrowableProxy() != null) {
                problems.add("stack trace at ERROR: " + abbreviate(line));
            }
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    problems.add("secret in log: " + abbreviate(line));
                }
            }
            if (QUERY_IN_LOG.matcher(line).find()) {
                problems.add("query string in log: " + abbreviate(line));
            }
        }
        assertThat(problems).as("first problems").isEmpty();
        assertThat(log.list.size()).as("log lines for %d requests", answers.size()).isLessThan(answers.size());
    }

    private static HttpClient client(ConnectionProvider pool, String localAddress) {
        return HttpClient.create(pool).baseUrl("http://localhost:" + ServerPort.PORT)
            .bindAddress(() -> new InetSocketAddress(localAddress, 0))
            .followRedirect(false).responseTimeout(Duration.ofSeconds(30));
    }

    private static Mono<Answer> send(HttpClient client, Case request) {
        return client.headers(headers -> request.headers().forEach(headers::set))
            .request(request.method()).uri(request.uri())
            // a buffer per attempt: the retry below must not resend one the first attempt released
            .send(request.body() == null ? Mono.empty() : Mono.fromCallable(() -> Unpooled.wrappedBuffer(request.body())))
            .responseSingle((response, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(text -> new Answer(request, response.status().code(),
                        String.valueOf(response.responseHeaders().get("Content-Type")), text,
                        String.valueOf(response.responseHeaders().get(CorrelationId.HEADER)))))
            // a pooled connection the server closed as idle just as it was reused: the request never reached it
            .retry(1)
            .onErrorResume(ex -> Mono.just(new Answer(request, 0, "", "no answer (" + ex.getClass().getSimpleName() + ")",
                    "")));
    }

    private static void writeSummary(List<Answer> answers) throws IOException {
        Map<String, Map<Integer, Integer>> table = new TreeMap<>();
        for (Answer answer : answers) {
            table.computeIfAbsent(answer.request().endpoint(), key -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("# Malformed-input sweep\n\n")
            .append(answers.size()).append(" requests, ").append(CONCURRENCY).append(" at a time.\n\n")
            .append("| endpoint | requests | answers by status |\n| --- | ---: | --- |\n");
        table.forEach((endpoint, statuses) -> out.append("| ").append(endpoint).append(" | ")
            .append(statuses.values().stream().mapToInt(Integer::intValue).sum()).append(" | ")
            .append(statuses.toString().replace("{", "").replace("}", "")).append(" |\n"));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("malformed-input-sweep.md"), out);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    /** Builds the requests: each endpoint crossed with broken headers, bodies, queries and credentials. */
    private static final class Generator {

        private final Random random;
        private final List<String> badContentTypes = List.of(FORM + "; charset=nope", ";;;", "/", FORM + "; charset=\"",
                "text/plain", "application/json", "multipart/form-data; boundary=", FORM + ";charset=utf-16", "",
                FORM + "; charset=UTF-8", FORM);
        private final List<String> badAcceptLanguages = List.of("en;q=x", "fr-FR;q=1.1", ";;", "*;q=-1", "x".repeat(300),
                "fr, en;q=0.5", "\u00e9t\u00e9");
        private final List<String> badAccepts = List.of(";;", "text/html;q=x", "text/html", "*/*", "application/json", "/",
                "text/html, application/xhtml+xml");
        private final List<String> badCookies;
        private final List<String> authorizations;
        private final List<String> clientCerts = List.of(":abc:", ":" + b64("not a certificate") + ":", "garbage", ":",
                "::", ":" + "A".repeat(6000) + ":", ":" + b64(MARKER) + ":", ":%zz:");
        private final List<String> formBodies;
        /** The e-CPS device API and CIBA read JSON or forms: broken JSON, wrong types, markers in every field. */
        private final List<String> jsonBodies = List.of("{", "[]", "null", "\"x\"", "{\"nationalId\":\"" + MARKER + "\"}",
                "{\"nationalId\":" + "1".repeat(400) + "}", "{\"activationId\":\"" + MARKER + "\",\"emailCode\":1}",
                "{\"publicKey\":{\"kty\":\"EC\"},\"platform\":\"" + MARKER + "\",\"osVersion\":-1,\"pushToken\":null}",
                "{\"answer\":\"" + MARKER + "\",\"number\":\"x\",\"signature\":\"!!\"}", "{\"a\":" + "[".repeat(5000) + "}",
                "{\"__proto__\":{\"x\":1}}", "\u0000\u0001");
        private final List<String> dpopProofs;
        private final List<String> queries;

        Generator(Random random, String accessToken, String refreshToken, String idToken, String tx) {
            this.random = random;
            String forgedJwt = b64url("{\"alg\":\"none\"}") + "." + b64url("{\"sub\":\"x\",\"exp\":4102444800}") + ".";
            String badSignature = accessToken.substring(0, accessToken.lastIndexOf('.') + 1) + "AAAA";
            this.dpopProofs = List.of(forgedJwt, "a.b.c", "%", b64url("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\"}}")
                    + "." + b64url("{\"htm\":\"GET\"}") + ".AA", "d".repeat(9000));
            this.badCookies = List.of("IDP_SESSION=", "IDP_SESSION=;;;", "IDP_SESSION=" + "x".repeat(5000),
                    "IDP_SESSION=" + MARKER, "=;=;=", "IDP_SESSION=\"unterminated", "IDP_ECPS_BINDING=" + MARKER, "IDP_ADMIN=%zz");
            this.authorizations = List.of("Bearer", "Bearer ", "Bearer " + forgedJwt, "Bearer " + badSignature,
                    "Bearer " + accessToken + " extra", "Bearer a.b.c", "Basic !!!", "Basic " + b64("nocolon"),
                    "Basic " + b64(":"), "Basic " + b64("no-such-client:x"), "Basic " + b64("%zz:%zz"),
                    "Basic " + b64(RelyingParty.DEMO_CLIENT + ":" + RelyingParty.DEMO_SECRET), "DPoP " + accessToken,
                    "Negotiate abc", "Bearer " + "e".repeat(9000));
            this.formBodies = List.of("grant_type=%zz", "grant_type=client_credentials%", "%", "%%%", "=&=&=",
                    "grant_type=client_credentials&grant_type=client_credentials", "grant_type[]=x",
                    "grant_type=refresh_token&refresh_token=" + refreshToken + "&scope=openid%20admin",
                    "grant_type=refresh_token&refresh_token=" + refreshToken + "&client_id=es256-app&client_secret=es256-app-secret",
                    "grant_type=authorization_code&code=" + ENCODED_MARKER + "&redirect_uri=%zz",
                    "grant_type=authorization_code&code=x&code_verifier=" + "v".repeat(3000),
                    "grant_type=client_credentials&client_id=jwt-app&client_assertion_type="
                            + "urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion=" + forgedJwt,
                    "grant_type=client_credentials&client_id=jwt-app&client_assertion_type=wrong&client_assertion=a.b.c",
                    "client_id=jwt-app&client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
                            + "&client_assertion=" + badSignature,
                    "token=" + accessToken + "&token_type_hint=" + ENCODED_MARKER, "token=&token=", "token=" + "t".repeat(2100),
                    "id_token_hint=" + idToken + "&post_logout_redirect_uri=https://evil.example/",
                    "id_token_hint=" + forgedJwt, "confirm=" + ENCODED_MARKER, "access_token=" + accessToken + "%",
                    many(70), "{\"grant_type\":\"client_credentials\"}", "\u0000\u0001\u0002", "a=" + "%C3%28",
                    "login_hint=" + ENCODED_MARKER + "&scope=openid", "login_hint=%zz&scope=openid&binding_message=" + "b".repeat(3000),
                    "grant_type=urn:openid:params:grant-type:ciba&auth_req_id=" + ENCODED_MARKER,
                    "csrf=" + ENCODED_MARKER + "&deviceId=%zz", "tx=" + tx + "&nationalId=" + ENCODED_MARKER,
                    "tx=" + ENCODED_MARKER + "&nationalId=81999000002%");
            this.queries = List.of("client_id=%zz", "client_id=client-demo&response_type=code&redirect_uri=" + ENCODED_MARKER,
                    "client_id=client-demo&client_id=x", "response_type=code&client_id=public-app&redirect_uri="
                            + "http://127.0.0.1:99999/callback&code_challenge=x&code_challenge_method=S256",
                    "response_type=code&client_id=client-demo&redirect_uri=http://localhost:8081/login/oauth2/code/psc"
                            + "&scope=openid&state=" + ENCODED_MARKER + "&max_age=x&code_challenge=" + "c".repeat(43)
                            + "&code_challenge_method=S256",
                    "response_type=code&client_id=client-demo&response_mode=fragment&state=" + ENCODED_MARKER,
                    "response_type=code&client_id=client-demo&request=eyJ", "prompt=none%20login", "tx=" + tx + "%",
                    "tx=" + ENCODED_MARKER, "tx=" + "t".repeat(3000), "tx=" + tx + "&idnat=abc", "tx=" + tx + "&detect=1",
                    "id_token_hint=" + idToken + "&state=" + ENCODED_MARKER, "id_token_hint=%zz", "%", "a=%", many(70),
                    "idnat=" + "8".repeat(100), "idnat=" + ENCODED_MARKER, "ui_locales=" + ENCODED_MARKER + "&client_id=client-demo",
                    "q=" + ENCODED_MARKER, "q=%", "code=" + ENCODED_MARKER + "&state=" + ENCODED_MARKER,
                    "error=" + ENCODED_MARKER + "&state=x", "nationalId=" + ENCODED_MARKER);
        }

        List<Case> cases(int count) {
            List<Case> all = new ArrayList<>(count);
            String[][] endpoints = {
                {"discovery", "GET", R + "/.well-known/openid-configuration"},
                {"psc-discovery", "GET", R + "/.well-known/wallet-openid-configuration"},
                {"jwks", "GET", R + "/protocol/openid-connect/certs"},
                {"authorize", "GET", R + "/protocol/openid-connect/auth"},
                {"authorize", "POST", R + "/protocol/openid-connect/auth"},
                {"token", "POST", R + "/protocol/openid-connect/token"},
                {"token", "GET", R + "/protocol/openid-connect/token"},
                {"userinfo", "GET", R + "/protocol/openid-connect/userinfo"},
                {"userinfo", "POST", R + "/protocol/openid-connect/userinfo"},
                {"introspect", "POST", R + "/protocol/openid-connect/token/introspect"},
                {"revoke", "POST", R + "/protocol/openid-connect/revoke"},
                {"logout", "GET", R + "/protocol/openid-connect/logout"},
                {"logout", "POST", R + "/protocol/openid-connect/logout"},
                {"login-page", "GET", R + "/login-actions/authenticate"},
                {"login-cancel", "GET", R + "/login-actions/cancel"},
                {"card-login", "GET", R + "/login-actions/card"},
                {"ecps-login", "GET", R + "/login-actions/ecps"},
                {"ecps-login", "POST", R + "/login-actions/ecps"},
                {"ecps-wait", "GET", R + "/login-actions/ecps/wait"},
                {"ecps-card-activation", "GET", R + "/ecps/activation"},
                {"ecps-api", "POST", R + "/ecps/v1/activations"},
                {"ecps-api", "POST", R + "/ecps/v1/devices"},
                {"ecps-api", "GET", R + "/ecps/v1/devices"},
                {"ecps-api", "DELETE", R + "/ecps/v1/devices/" + ENCODED_MARKER},
                {"ecps-api", "POST", R + "/ecps/v1/devices/%zz/logout-everywhere"},
                {"ecps-api", "GET", R + "/ecps/v1/challenges/" + ENCODED_MARKER},
                {"ecps-api", "POST", R + "/ecps/v1/challenges/x"},
                {"ciba", "POST", R + "/protocol/openid-connect/ext/ciba/auth"},
                {"account", "GET", R + "/account"},
                {"account", "POST", R + "/account/devices/revoke"},
                {"account", "POST", R + "/account/logout-everywhere"},
                {"admin", "GET", "/admin"},
                {"admin", "GET", "/admin/search"},
                {"admin", "GET", "/admin/callback"},
                {"admin", "GET", "/admin/sign-out"},
                {"wallet-alias", "GET", "/auth"},
                {"wallet-alias", "POST", "/auth"},
                {"test-pki", "GET", "/pki/crl/" + ENCODED_MARKER + ".crl"},
                {"test-cards", "GET", "/pki/test-cards/" + ENCODED_MARKER + ".p12"},
                {"token", "OPTIONS", R + "/protocol/openid-connect/token"},
                {"token", "PUT", R + "/protocol/openid-connect/token"},
                {"unknown-path", "GET", R + "/protocol/openid-connect/%zz"},
            };
            for (int i = 0; i < count; i++) {
                String[] endpoint = endpoints[i % endpoints.length];
                HttpMethod method = HttpMethod.valueOf(endpoint[1]);
                Map<String, String> headers = new TreeMap<>();
                String uri = endpoint[2];
                byte[] body = null;
                if (this.random.nextInt(3) > 0) {
                    uri = uri + "?" + pick(this.queries);
                }
                if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.DELETE) {
                    headers.put("Content-Type", pick(this.badContentTypes));
                    int size = this.random.nextInt(40);
                    body = size == 0 ? ("grant_type=client_credentials&x=" + "y".repeat(300 * 1024)).getBytes(StandardCharsets.UTF_8)
                            : size == 1 ? ("a=" + "b".repeat(70 * 1024)).getBytes(StandardCharsets.UTF_8)
                            : size == 2 ? new byte[] {(byte) 0xff, (byte) 0xfe, '=', (byte) 0xc3}
                            : size < 12 ? pick(this.jsonBodies).getBytes(StandardCharsets.UTF_8)
                            : pick(this.formBodies).getBytes(StandardCharsets.UTF_8);
                    if (headers.get("Content-Type").isEmpty()) {
                        headers.remove("Content-Type");
                    }
                }
                if (this.random.nextInt(3) == 0) {
                    headers.put("Accept-Language", pick(this.badAcceptLanguages));
                }
                if (this.random.nextInt(3) == 0) {
                    headers.put("Accept", pick(this.badAccepts));
                }
                if (this.random.nextInt(4) == 0) {
                    headers.put("Cookie", pick(this.badCookies));
                }
                if (this.random.nextInt(2) == 0) {
                    headers.put("Authorization", pick(this.authorizations));
                }
                if (endpoint[2].contains("/ecps/v1") || this.random.nextInt(10) == 0) {
                    headers.put("DPoP", pick(this.dpopProofs));
                }
                if (this.random.nextInt(15) == 0) {
                    headers.put("X-Correlation-Id", pick(List.of(MARKER, "x".repeat(500), "%zz")));
                }
                if (this.random.nextInt(20) == 0) {
                    headers.put("Last-Event-ID", MARKER);
                }
                boolean viaProxy = this.random.nextInt(5) == 0;
                if (viaProxy || endpoint[0].equals("card-login") || this.random.nextInt(10) == 0) {
                    headers.put("Client-Cert", pick(this.clientCerts));
                }
                all.add(new Case(endpoint[0], method, uri, headers, body, viaProxy));
            }
            return all;
        }

        private String pick(List<String> values) {
            return values.get(this.random.nextInt(values.size()));
        }

        private static String many(int count) {
            StringBuilder parameters = new StringBuilder();
            for (int i = 0; i < count; i++) {
                parameters.append(i == 0 ? "" : "&").append("p").append(i).append("=v");
            }
            return parameters.toString();
        }

        private static String b64(String value) {
            return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        }

        private static String b64url(String value) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
