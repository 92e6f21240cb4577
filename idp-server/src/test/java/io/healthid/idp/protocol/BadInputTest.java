package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.netty.handler.codec.http.HttpMethod;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClient;

/** Malformed, missing, repeated and oversized input gets the RFC error code: never a 500, never a stack trace. */
@IdpIntegrationTest
@Tag("RFC6749-5.2")
class BadInputTest {

    private static final String TOKEN = RelyingParty.REALM + "/protocol/openid-connect/token";

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    void tokenWhenSecretWrongThenInvalidClientWithChallenge() {
        this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, "wrong")
            .expectStatus().isUnauthorized()
            .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Basic"))
            .expectHeader().cacheControl(CacheControl.noStore())
            .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenNoClientAuthenticationThenInvalidClient() {
        this.rp.token(Map.of("grant_type", "client_credentials"), null, null)
            .expectStatus().isUnauthorized()
            .expectHeader().exists(HttpHeaders.WWW_AUTHENTICATE)
            .expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenTwoClientAuthenticationMethodsThenInvalidRequest() {
        this.rp.token(Map.of("grant_type", "client_credentials", "client_id", RelyingParty.DEMO_CLIENT, "client_secret",
                RelyingParty.DEMO_SECRET), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenGrantTypeUnknownOrMissingThenRfcErrors() {
        this.rp.token(Map.of("grant_type", "password"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("unsupported_grant_type");
        this.rp.token(Map.of("scope", "openid"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
        this.rp.token(Map.of("grant_type", "authorization_code"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenParameterRepeatedThenInvalidRequest() {
        post(TOKEN, "grant_type=client_credentials&grant_type=client_credentials")
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request")
            .jsonPath("$.error_description").value(description -> assertThat((String) description).contains("repeated"));
    }

    @Test
    void tokenWhenParameterOversizedThenInvalidRequest() {
        post(TOKEN, "grant_type=client_credentials&scope=" + "a".repeat(5000))
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenBodyIsNotAFormThenInvalidRequest() {
        this.rp.http().post().uri(TOKEN).headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"grant_type\":\"client_credentials\"}").exchange()
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void tokenWhenContentTypeCharsetUnknownOrMalformedThenInvalidRequest() {
        for (String contentType : new String[] {"application/x-www-form-urlencoded; charset=nope", ";;;", "/",
                "application/x-www-form-urlencoded; charset=\""}) {
            Raw answer = raw("POST", TOKEN, contentType, "grant_type=client_credentials");
            assertThat(answer.status()).as(contentType).isEqualTo(400);
            assertThat(answer.body()).as(contentType).contains("\"invalid_request\"").doesNotContain("Exception");
        }
    }

    @Test
    void tokenWhenPercentEncodingMalformedThenInvalidRequest() {
        for (String form : new String[] {"grant_type=%zz", "grant_type=client_credentials%", "%"}) {
            post(TOKEN, form).expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_request")
                .jsonPath("$.error_description").value(description -> assertThat((String) description)
                    .doesNotContain("Exception").doesNotContain("%zz"));
        }
    }

    @Test
    @Tag("RFC9110-15.5.9")
    void tokenWhenBodyStopsArrivingThenFourHundredAnswerNotServerError() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try (Socket socket = new Socket("127.0.0.1", ServerPort.PORT)) {
            // the test profile's read timeout is 2 s; the socket waits at most 20 s for the answer
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST " + TOKEN + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\ngrant_type").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            // nothing at all is fine too (the connection closed); a 5xx is not
            assertThat(answer).doesNotStartWith("HTTP/1.1 5");
            if (!answer.isEmpty()) {
                assertThat(answer).startsWith("HTTP/1.1 4").contains("invalid_request").doesNotContain("Exception");
            }
        }
        finally {
            root.detachAppender(log);
        }
        // the caller's fault: a WARN line at most, never an ERROR (not even Reactor's late copy of the timeout)
        assertThat(log.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
            .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void tokenWhenBodyOverTheLimitThenContentTooLarge() {
        post(TOKEN, "grant_type=client_credentials&x=" + "y".repeat(300 * 1024))
            .expectStatus().isEqualTo(413).expectBody().jsonPath("$.error").isEqualTo("invalid_request");
    }

    @Test
    void loginPageWhenQueryMalformedThenPageNotServerError() {
        Raw answer = raw("GET", RelyingParty.REALM + "/login-actions/authenticate?tx=%zz", null, null);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("%zz");
    }

    private record Raw(int status, String body) {
    }

    /** Sent as written: WebTestClient would refuse to send what these tests need the server to refuse. */
    private static Raw raw(String method, String uri, String contentType, String body) {
        return HttpClient.create().baseUrl("http://localhost:" + ServerPort.PORT)
            .headers(headers -> {
                headers.set(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                        (RelyingParty.DEMO_CLIENT + ":" + RelyingParty.DEMO_SECRET).getBytes(StandardCharsets.UTF_8)));
                if (contentType != null) {
                    headers.set(HttpHeaders.CONTENT_TYPE, contentType);
                }
            })
            .request(HttpMethod.valueOf(method)).uri(uri)
            .send(body == null ? Mono.empty() : ByteBufMono.fromString(Mono.just(body)))
            .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                .map(text -> new Raw(response.status().code(), text)))
            .block(Duration.ofSeconds(30));
    }

    @Test
    void tokenWhenCodeUnknownThenInvalidGrant() {
        this.rp.token(Map.of("grant_type", "authorization_code", "code", "forged-code", "redirect_uri",
                RelyingParty.DEMO_REDIRECT), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    void tokenWhenWrongMethodThenMethodNotAllowed() {
        this.rp.http().get().uri(TOKEN).exchange().expectStatus().isEqualTo(405)
            .expectHeader().valueEquals(HttpHeaders.ALLOW, "POST");
    }

    @Test
    void authorizeWhenResponseTypeUnsupportedOrRequestObjectSentThenErrorPageNotRedirect() {
        // a request object is answered by a redirect once the client is known (RequestObjectRefusal, OIDC Core 3.1.2.6)
        for (String query : new String[] {"response_type=token&client_id=client-demo", "client_id=client-demo",
                "response_type=code&client_id=client-demo&client_id=other"}) {
            this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/auth?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectBody(String.class).value(page -> assertThat(page).doesNotContain("at io.").doesNotContain("Exception"));
        }
    }

    @Test
    void authorizeWhenScopeUnknownThenRedirectsInvalidScopeToRegisteredUri() {
        String uri = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .replaceQueryParam("scope", "openid admin").queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE)
            .queryParam("code_challenge_method", "S256").encode().build().toUriString();
        this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, uri)).exchange()
            .expectStatus().isFound()
            .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location)
                .startsWith(RelyingParty.DEMO_REDIRECT + "?error=invalid_scope").contains("state=st-123").contains("iss="));
    }

    @Test
    void authorizeWhenMaxAgeMalformedThenInvalidRequest() {
        String uri = RelyingParty.demoAuthorizationRequest() + "&max_age=soon";
        this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, uri)).exchange()
            .expectStatus().isBadRequest();
    }

    @Test
    void userinfoWhenAuthorizationHeaderMalformedThenBadRequest() {
        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .header(HttpHeaders.AUTHORIZATION, "Bearer").exchange()
            .expectStatus().isBadRequest()
            .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).contains("invalid_request"));
    }

    @Test
    void loginPageWhenTransactionUnknownThenExplainsExpiry() {
        this.rp.http().get().uri(RelyingParty.REALM + "/login-actions/authenticate?tx=unknown").exchange()
            .expectStatus().isBadRequest()
            .expectBody(String.class).value(page -> assertThat(page).contains("SESSION_EXPIRED").contains("expiré"));
    }

    private WebTestClient.ResponseSpec post(String uri, String form) {
        return this.rp.http().post().uri(uri)
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue(form).exchange();
    }
}
