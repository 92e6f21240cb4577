package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/** What the server shows: discovery only what works, introspection only to who may, actuator only on loopback. */
@IdpIntegrationTest
class ExposureAndMetadataTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    @Tag("OIDC-Discovery-3")
    @SuppressWarnings("unchecked")
    void discoveryWhenReadThenAdvertisesOnlyWhatWorks() {
        Map<String, Object> metadata = this.rp.http().get().uri(RelyingParty.REALM + "/.well-known/openid-configuration")
            .exchange().expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat((List<String>) metadata.get("token_endpoint_auth_signing_alg_values_supported")).containsExactly("RS256");
        assertThat((List<String>) metadata.get("claims_supported")).doesNotContain("email_verified");
        assertThat((List<String>) metadata.get("token_endpoint_auth_methods_supported")).contains("none", "private_key_jwt");
        assertThat((List<String>) metadata.get("introspection_endpoint_auth_methods_supported")).doesNotContain("none");
        assertThat((List<String>) metadata.get("response_modes_supported")).containsExactly("query", "form_post");
    }

    @Test
    @Tag("RFC7662-4")
    void introspectionWhenCallerMayNotReadOtherClientsTokensThenInactive() {
        String accessToken = (String) this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010")).get("access_token");
        this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/token/introspect")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("client_id=es256-app&client_secret=es256-app-secret&token=" + accessToken)
            .exchange().expectStatus().isOk().expectBody(MAP)
            .value(body -> assertThat(body).containsExactly(Map.entry("active", false)));
    }

    @Test
    @Tag("RFC7662-2.2")
    void introspectionWhenActiveThenTimesAreIntegerSeconds() {
        String accessToken = (String) this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010")).get("access_token");
        this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/token/introspect")
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=" + accessToken)
            .exchange().expectStatus().isOk().expectBody(MAP).value(body -> {
                assertThat(body).containsEntry("active", true);
                for (String time : List.of("exp", "iat", "nbf")) {
                    assertThat(body.get(time)).as(time).isInstanceOfAny(Integer.class, Long.class);
                }
                assertThat(((Number) body.get("exp")).longValue()).isGreaterThan(((Number) body.get("iat")).longValue());
            });
    }

    @Test
    void actuatorWhenAskedOnTheMainListenerThenAbsentAndHealthWithoutDetailsOnManagementListener() {
        this.rp.http().get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        this.rp.http().get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
        String health = ServerPort.management().get().uri("/actuator/health").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(health).contains("\"status\":\"UP\"").contains("redis").doesNotContain("details")
            .doesNotContain("version").doesNotContain("path").doesNotContain("total");
    }
}
