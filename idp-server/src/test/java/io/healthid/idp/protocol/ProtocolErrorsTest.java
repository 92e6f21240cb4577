package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * What an operator sees of a misconfigured relying party: every protocol refusal counted in
 * {@code idp_protocol_errors_total{endpoint,error,client}} and logged once, without secrets or query strings.
 */
@IdpIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ProtocolErrorsTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    @DisplayName("a refused authorization request (PKCE missing for a client that requires it) is counted and logged without its query")
    void authorizeWhenRefusedThenCountedAndLoggedWithoutQuery(CapturedOutput output) {
        double before = count("authorization", "invalid_request", "strict-app");
        String request = RelyingParty.authorizationRequest("strict-app", "https://strict.example/cb")
            .replaceQueryParam("state", "secret-state-value").encode().build().toUriString();
        new Browser(ServerPort.PORT).redirectFrom(request);

        assertThat(count("authorization", "invalid_request", "strict-app")).isEqualTo(before + 1);
        assertThat(output.getOut()).contains("protocol refusal endpoint=authorization error=invalid_request client=strict-app status=302")
            .doesNotContain("secret-state-value");
    }

    @Test
    @DisplayName("token endpoint: a wrong secret counts invalid_client for the client; an unknown client id is folded into 'unknown'")
    void tokenWhenClientAuthenticationFailsThenCountedWithBoundedClientLabel(CapturedOutput output) {
        double known = count("token", "invalid_client", "psc-connector");
        double unknown = count("token", "invalid_client", "unknown");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", "x", "redirect_uri", "https://rp/cb",
                "client_id", "psc-connector", "client_secret", "wrong-secret-123"), null, null).expectStatus().isUnauthorized();
        this.rp.token(Map.of("grant_type", "client_credentials"), "no-such-client-" + System.nanoTime(), "s3cr3t-value")
            .expectStatus().isUnauthorized();

        assertThat(count("token", "invalid_client", "psc-connector")).isEqualTo(known + 1);
        assertThat(count("token", "invalid_client", "unknown")).isEqualTo(unknown + 1);
        assertThat(metrics()).doesNotContain("no-such-client-");
        assertThat(output.getOut()).contains("protocol refusal endpoint=token error=invalid_client client=psc-connector status=401")
            .doesNotContain("wrong-secret-123").doesNotContain("s3cr3t-value");
    }

    @Test
    @DisplayName("userinfo with a forged token and an error page at the authorization endpoint are counted too")
    void userinfoAndErrorPageWhenRefusedThenCounted() {
        double userinfo = count("userinfo", "invalid_token", "none");
        double page = count("authorization", "invalid_request", "unknown");
        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).exchange()
            .expectStatus().isUnauthorized();
        new Browser(ServerPort.PORT).get(RelyingParty.authorizationRequest("no-such-client", RelyingParty.DEMO_REDIRECT)
            .encode().build().toUriString());

        assertThat(count("userinfo", "invalid_token", "none")).isEqualTo(userinfo + 1);
        assertThat(count("authorization", "invalid_request", "unknown")).isEqualTo(page + 1);
    }

    private String metrics() {
        return ServerPort.management().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private double count(String endpoint, String error, String client) {
        return metrics().lines()
            .filter(line -> line.startsWith("idp_protocol_errors_total{"))
            .filter(line -> line.contains("endpoint=\"" + endpoint + "\"") && line.contains("error=\"" + error + "\"")
                    && line.contains("client=\"" + client + "\""))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }
}
