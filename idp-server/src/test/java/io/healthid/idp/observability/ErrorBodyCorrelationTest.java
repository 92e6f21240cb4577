package io.healthid.idp.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.fault.RequestErrorHandler;
import io.healthid.idp.protocol.ciba.CibaAuthenticationEndpoint;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.idp.testsupport.TestAuthenticatorConfiguration;
import io.healthid.idp.testsupport.TestConnections;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The correlation id as an extra member of every error body (issue 12), equal to the response's
 * {@code X-Correlation-Id}: the 405 of the POST-only endpoints, the framework's 404, 405, 406 and 415 (on the main and
 * the management listener), the 500 of an unexpected failure (whose log line carries the id too), bearer, CIBA,
 * device API and test-card refusals; and on the error page a browser gets for the same failures.
 */
@IdpIntegrationTest
class ErrorBodyCorrelationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String R = RelyingParty.REALM;

    private final WebTestClient http = WebTestClient.bindToServer(TestConnections.connector()).baseUrl("http://localhost:" + ServerPort.PORT)
        .responseTimeout(Duration.ofSeconds(30)).build();
    private final WebTestClient management = ServerPort.management();

    @Test
    @Tag("RFC6749-5.2")
    void postOnlyEndpointsWhenOtherMethodThen405BodyCarriesCorrelationId() {
        for (String path : new String[] {"/protocol/openid-connect/token", "/protocol/openid-connect/token/introspect",
                "/protocol/openid-connect/revoke"}) {
            EntityExchangeResult<String> answer = send(HttpMethod.GET, R + path, MediaType.APPLICATION_JSON, null, null);
            assertThat(answer.getStatus().value()).as(path).isEqualTo(405);
            assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.ALLOW)).isEqualTo("POST");
            assertJsonError(answer, "invalid_request");
        }
    }

    @Test
    void frameworkRefusalsWhenJsonOrHtmlThenBodyAndPageCarryCorrelationId() {
        // an unknown path
        assertJsonError(expect(404, send(HttpMethod.GET, "/no-such-page", MediaType.APPLICATION_JSON, null, null)),
                "invalid_request");
        assertPage(expect(404, send(HttpMethod.GET, "/no-such-page", MediaType.TEXT_HTML, null, null)));
        // a method a static resource does not take
        assertJsonError(expect(405, send(HttpMethod.POST, "/admin.css", MediaType.APPLICATION_JSON, null, null)),
                "invalid_request");
        assertPage(expect(405, send(HttpMethod.DELETE, "/admin.css", MediaType.TEXT_HTML, null, null)));
        // a body the endpoint cannot read
        assertJsonError(expect(415, send(HttpMethod.POST, R + "/ecps/v1/activations", MediaType.APPLICATION_JSON,
                MediaType.TEXT_PLAIN, "nationalId")), "invalid_request");
        // the management listener: an answer in a type the endpoint does not produce, an unknown path
        assertJsonError(expect(406, send(this.management, HttpMethod.GET, "/actuator/prometheus", MediaType.IMAGE_PNG)),
                "invalid_request");
        assertJsonError(expect(404, send(this.management, HttpMethod.GET, "/actuator/nothing", MediaType.APPLICATION_JSON)),
                "invalid_request");
    }

    @Test
    void unexpectedFailureWhenJsonOrHtmlThen500BodyPageAndLogLineCarryCorrelationId() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger handler = (Logger) LoggerFactory.getLogger(RequestErrorHandler.class);
        log.start();
        handler.addAppender(log);
        try {
            EntityExchangeResult<String> json = expect(500, send(HttpMethod.GET, TestAuthenticatorConfiguration.FAILURE_PATH,
                    MediaType.APPLICATION_JSON, null, null));
            String id = assertJsonError(json, "server_error");
            assertThat(json.getResponseBody()).doesNotContain("a bug").doesNotContain("Exception");
            assertPage(expect(500, send(HttpMethod.GET, TestAuthenticatorConfiguration.FAILURE_PATH, MediaType.TEXT_HTML,
                    null, null)));
            assertThat(log.list).anySatisfy(line -> {
                assertThat(line.getFormattedMessage()).contains("GET " + TestAuthenticatorConfiguration.FAILURE_PATH);
                assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationId.KEY, id);
            });
        }
        finally {
            handler.detachAppender(log);
        }
    }

    @Test
    @Tag("RFC6750-3.1")
    void endpointRefusalsWhenTheirOwnBodiesThenEachCarriesCorrelationId() {
        // a bearer token that is no token
        assertJsonError(expect(401, send(HttpMethod.GET, R + "/protocol/openid-connect/userinfo", null, null, null,
                headers -> headers.setBearerAuth("not-a-token"))), "invalid_token");
        // CIBA: a person the directory does not know
        EntityExchangeResult<String> ciba = send(HttpMethod.POST, R + CibaAuthenticationEndpoint.PATH, null,
                MediaType.APPLICATION_FORM_URLENCODED, "scope=openid&login_hint=810000000009",
                headers -> headers.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET));
        assertJsonError(expect(400, ciba), "unknown_user_id");
        // the device API: no DPoP proof, then a body that is not JSON
        assertThat(assertJsonErrorBody(expect(401, send(HttpMethod.GET, R + "/ecps/v1/devices", null, null, null)))
            .path("reason").asString()).isNotEmpty();
        assertJsonError(expect(400, send(HttpMethod.POST, R + "/ecps/v1/activations", null, MediaType.APPLICATION_JSON,
                "{not json")), "invalid_request");
        // the test cards of the embedded PKI
        assertJsonError(expect(400, send(HttpMethod.GET, "/pki/test-cards/not-an-idnat.p12", null, null, null)),
                "invalid_request");
    }

    private EntityExchangeResult<String> send(HttpMethod method, String uri, MediaType accept, MediaType contentType,
            String body) {
        return send(method, uri, accept, contentType, body, headers -> {
        });
    }

    private static EntityExchangeResult<String> send(WebTestClient client, HttpMethod method, String uri, MediaType accept) {
        return send(client, method, uri, accept, null, null, headers -> {
        });
    }

    private EntityExchangeResult<String> send(HttpMethod method, String uri, MediaType accept, MediaType contentType,
            String body, Consumer<HttpHeaders> more) {
        return send(this.http, method, uri, accept, contentType, body, more);
    }

    private static EntityExchangeResult<String> send(WebTestClient client, HttpMethod method, String uri,
            MediaType accept, MediaType contentType, String body, Consumer<HttpHeaders> more) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(uri).headers(headers -> {
            if (accept != null) {
                headers.setAccept(List.of(accept));
            }
            if (contentType != null) {
                headers.setContentType(contentType);
            }
            more.accept(headers);
        });
        return (body == null ? request : request.bodyValue(body)).exchange().expectBody(String.class).returnResult();
    }

    private static EntityExchangeResult<String> expect(int status, EntityExchangeResult<String> answer) {
        assertThat(answer.getStatus().value()).as(answer.getUrl() + ": " + answer.getResponseBody()).isEqualTo(status);
        return answer;
    }

    /** The body's error code is {@code error}; returns the correlation id it carries. */
    private static String assertJsonError(EntityExchangeResult<String> answer, String error) {
        JsonNode body = assertJsonErrorBody(answer);
        assertThat(body.path("error").asString()).as(answer.getUrl().toString()).isEqualTo(error);
        return body.path(CorrelationId.BODY_MEMBER).asString();
    }

    private static JsonNode assertJsonErrorBody(EntityExchangeResult<String> answer) {
        String id = answer.getResponseHeaders().getFirst(CorrelationId.HEADER);
        assertThat(id).as(answer.getUrl().toString()).isNotNull();
        assertThat(answer.getResponseHeaders().getContentType()).as(answer.getUrl().toString())
            .matches(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON));
        JsonNode body = JSON.readTree(answer.getResponseBody());
        assertThat(body.path(CorrelationId.BODY_MEMBER).asString()).as(answer.getUrl() + ": " + answer.getResponseBody())
            .isEqualTo(id);
        return body;
    }

    private static void assertPage(EntityExchangeResult<String> answer) {
        String id = answer.getResponseHeaders().getFirst(CorrelationId.HEADER);
        assertThat(answer.getResponseHeaders().getContentType()).as(answer.getUrl().toString())
            .matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML));
        assertThat(answer.getResponseBody()).as(answer.getUrl().toString()).contains("Code à communiquer au support")
            .contains("class=\"correlation-id\">" + id + "<");
    }
}
