package io.healthid.idp.protocol.ciba;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CIBA end to end with the test phone: the backchannel request, the push showing the binding message, the signed
 * approval, and the token polling errors of CIBA Core section 11; ping mode; tokens without a browser session.
 */
@IdpIntegrationTest
class CibaTest {

    private static final String GRANT = "urn:openid:params:grant-type:ciba";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);
    private TestDevice phone;

    @AfterEach
    void closePhone() {
        if (this.phone != null) {
            this.phone.close();
        }
    }

    @Test
    @Tag("CIBA-4")
    void discoveryWhenCibaOnThenAdvertisesEndpointModesAndGrant() {
        JsonNode metadata = JSON.readTree(this.rp.http().get().uri(RelyingParty.REALM + "/.well-known/openid-configuration")
            .exchange().expectBody(String.class).returnResult().getResponseBody());
        assertThat(metadata.path("backchannel_authentication_endpoint").asString())
            .isEqualTo(this.issuer.value() + "/protocol/openid-connect/ext/ciba/auth");
        assertThat(metadata.path("backchannel_token_delivery_modes_supported").toString()).contains("poll").contains("ping");
        assertThat(metadata.path("grant_types_supported").toString()).contains(GRANT);
        assertThat(metadata.path("backchannel_user_code_parameter_supported").asBoolean()).isFalse();
    }

    @Test
    @Tag("CIBA-11")
    void pollWhenPhoneApprovesThenTokensWithoutSessionAndAuthReqIdSingleUse() throws Exception {
        this.phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), "819990000028");
        JsonNode started = backchannel("client-demo", "client-demo-secret", Map.of("scope", "openid scope_all",
                "login_hint", "819990000028", "binding_message", "Dossier 4711", "acr_values", "eidas1"));
        assertThat(started.path("expires_in").asInt()).isEqualTo(120);
        assertThat(started.path("interval").asInt()).isEqualTo(30);
        String authReqId = started.path("auth_req_id").asString();

        String challengeId = this.phone.nextPush();
        JsonNode challenge = TestDevice.json(this.phone.challenge(challengeId));
        assertThat(challenge.path("bindingMessage").asString()).isEqualTo("Dossier 4711");
        assertThat(challenge.has("numbers")).isFalse();
        assertThat(challenge.path("client").asString()).isEqualTo("Démo Pro Santé Connect");
        assertThat(this.phone.approve(challengeId, null).getStatus().value()).isEqualTo(200);

        EntityExchangeResult<String> tokens = poll("client-demo", "client-demo-secret", authReqId);
        assertThat(tokens.getStatus().value()).as(tokens.getResponseBody()).isEqualTo(200);
        JsonNode body = JSON.readTree(tokens.getResponseBody());
        JWTClaimsSet idToken = this.rp.verify(body.path("id_token").asString());
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("MOBILE");
        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas2");
        assertThat(idToken.getStringListClaim("amr")).contains("mfa");
        assertThat(idToken.getClaim("sid")).isNull();
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo("819990000028");

        assertThat(error(poll("client-demo", "client-demo-secret", authReqId))).isEqualTo("invalid_grant");

        // a refresh token without a browser session lives by its own lifetime
        EntityExchangeResult<String> refreshed = this.rp.token(Map.of("grant_type", "refresh_token",
                "refresh_token", body.path("refresh_token").asString()), "client-demo", "client-demo-secret")
            .expectBody(String.class).returnResult();
        assertThat(refreshed.getStatus().value()).as(refreshed.getResponseBody()).isEqualTo(200);
    }

    @Test
    @Tag("CIBA-11")
    void pollWhenNotAnsweredThenPendingThenSlowDownWhenTooFast() {
        this.phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), "819990000028");
        String authReqId = backchannel("client-demo", "client-demo-secret", Map.of("scope", "openid",
                "login_hint", "819990000028")).path("auth_req_id").asString();

        EntityExchangeResult<String> pending = poll("client-demo", "client-demo-secret", authReqId);
        assertThat(pending.getStatus().value()).isEqualTo(400);
        assertThat(error(pending)).isEqualTo("authorization_pending");
        assertThat(error(poll("client-demo", "client-demo-secret", authReqId))).isEqualTo("slow_down");
        // another client cannot use this request
        assertThat(error(poll("ciba-ping-app", "ciba-ping-app-secret", authReqId))).isEqualTo("invalid_grant");
    }

    @Test
    @Tag("CIBA-11")
    void pollWhenPhoneDeniesThenAccessDenied() {
        this.phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), "819990000036");
        String authReqId = backchannel("client-demo", "client-demo-secret", Map.of("scope", "openid",
                "login_hint", "819990000036")).path("auth_req_id").asString();
        this.phone.deny(this.phone.nextPush());

        EntityExchangeResult<String> denied = poll("client-demo", "client-demo-secret", authReqId);
        assertThat(denied.getStatus().value()).isEqualTo(400);
        assertThat(error(denied)).isEqualTo("access_denied");
    }

    @Test
    @Tag("CIBA-13")
    void backchannelWhenRequestUnusableThenCibaErrors() {
        assertThat(backchannelError("client-demo", "client-demo-secret", Map.of("scope", "openid", "login_hint", "819990000010",
                "channel", "CARD"))).isEqualTo("invalid_request");
        assertThat(backchannelError("client-demo", "client-demo-secret", Map.of("scope", "openid"))).isEqualTo("invalid_request");
        assertThat(backchannelError("client-demo", "client-demo-secret", Map.of("scope", "profile", "login_hint", "819990000010")))
            .isEqualTo("invalid_scope");
        assertThat(backchannelError("client-demo", "client-demo-secret", Map.of("scope", "openid", "login_hint", "810000000009")))
            .isEqualTo("unknown_user_id");
        assertThat(backchannelError("client-demo", "client-demo-secret", Map.of("scope", "openid", "login_hint", "819990000010",
                "binding_message", "x".repeat(200)))).isEqualTo("invalid_binding_message");
        assertThat(backchannelError("es256-app", "es256-app-secret", Map.of("scope", "openid", "login_hint", "819990000010",
                "client_id", "es256-app", "client_secret", "es256-app-secret"))).isIn("unauthorized_client", "invalid_client");
        assertThat(backchannelError("client-demo", "wrong", Map.of("scope", "openid", "login_hint", "819990000010")))
            .isEqualTo("invalid_client");
        assertThat(backchannelError("ciba-ping-app", "ciba-ping-app-secret", Map.of("scope", "openid",
                "login_hint", "819990000010"))).isEqualTo("invalid_request");
    }

    @Test
    @Tag("CIBA-10.2")
    void pingWhenPhoneApprovesThenClientNotifiedWithItsTokenThenPollSucceeds() throws Exception {
        BlockingQueue<String> notifications = new LinkedBlockingQueue<>();
        HttpServer client = HttpServer.create(new InetSocketAddress("127.0.0.1", ServerPort.CIBA_PING_PORT), 0);
        client.createContext("/ciba-ping", exchange -> {
            notifications.add(exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        client.start();
        try {
            this.phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), "0759300015");
            String authReqId = backchannel("ciba-ping-app", "ciba-ping-app-secret", Map.of("scope", "openid",
                    "login_hint", "0759300015", "client_notification_token", "ping-token-8ac1")).path("auth_req_id").asString();
            this.phone.approve(this.phone.nextPush(), null);

            String notification = notifications.poll(20, TimeUnit.SECONDS);
            assertThat(notification).startsWith("Bearer ping-token-8ac1 ").contains("\"auth_req_id\":\"" + authReqId + "\"");
            assertThat(poll("ciba-ping-app", "ciba-ping-app-secret", authReqId).getStatus().value()).isEqualTo(200);
        }
        finally {
            client.stop(0);
        }
    }

    private JsonNode backchannel(String clientId, String secret, Map<String, String> form) {
        EntityExchangeResult<String> result = backchannelRequest(clientId, secret, form);
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(200);
        return JSON.readTree(result.getResponseBody());
    }

    private String backchannelError(String clientId, String secret, Map<String, String> form) {
        EntityExchangeResult<String> result = backchannelRequest(clientId, secret, form);
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isBetween(400, 401);
        return error(result);
    }

    private EntityExchangeResult<String> backchannelRequest(String clientId, String secret, Map<String, String> form) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        Map<String, String> fields = new LinkedHashMap<>(form);
        boolean post = fields.containsKey("client_secret");
        fields.forEach(body::add);
        return this.rp.http().post().uri(RelyingParty.REALM + CibaAuthenticationEndpoint.PATH)
            .headers(headers -> {
                if (!post) {
                    headers.setBasicAuth(clientId, secret);
                }
            })
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(body))
            .exchange().expectBody(String.class).returnResult();
    }

    private EntityExchangeResult<String> poll(String clientId, String secret, String authReqId) {
        return this.rp.token(Map.of("grant_type", GRANT, "auth_req_id", authReqId), clientId, secret)
            .expectBody(String.class).returnResult();
    }

    private static String error(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody()).path("error").asString();
    }

}
