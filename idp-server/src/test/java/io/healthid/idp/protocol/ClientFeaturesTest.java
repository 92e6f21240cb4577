package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.RelyingPartyJwks;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Per-client settings: signing algorithms, signed userinfo, lifetimes, client authentication methods. */
@IdpIntegrationTest
class ClientFeaturesTest {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP =
            new ParameterizedTypeReference<>() {
            };

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @BeforeAll
    static void relyingPartyPublishesItsKeys() {
        RelyingPartyJwks.start();
    }

    @Test
    void codeFlowWhenClientAsksEs256ThenIdTokenAndUserinfoAreEs256AndLifetimeIsTheClients() throws Exception {
        String request = RelyingParty.authorizationRequest("es256-app", "https://rp.example/cb")
            .queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE).queryParam("code_challenge_method", "S256")
            .encode().build().toUriString();
        URI callback = new Browser(ServerPort.PORT).signIn(request, "819990000010");
        Map<String, Object> tokens = this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", "https://rp.example/cb", "code_verifier", RelyingParty.Pkce.VERIFIER, "client_id", "es256-app",
                "client_secret", "es256-app-secret"), null, null)
            .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();

        assertThat(tokens.get("expires_in")).isEqualTo(300);
        String idToken = (String) tokens.get("id_token");
        assertThat(SignedJWT.parse(idToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWTClaimsSet idClaims = this.rp.verify(idToken);

        String signedUserinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectHeader().contentType("application/jwt")
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(SignedJWT.parse(signedUserinfo).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWTClaimsSet userinfo = this.rp.verify(signedUserinfo);
        assertThat(userinfo.getSubject()).isEqualTo(idClaims.getSubject());
        assertThat(userinfo.getIssuer()).isEqualTo(this.rp.issuer());
        assertThat(userinfo.getAudience()).containsExactly("es256-app");
    }

    @Test
    void clientCredentialsWhenDemoClientThenAccessTokenForTheClientItself() throws Exception {
        Map<String, Object> tokens = this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT,
                RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 120)
            .doesNotContainKey("refresh_token").doesNotContainKey("id_token");
        JWTClaimsSet claims = this.rp.verify((String) tokens.get("access_token"));
        assertThat(claims.getSubject()).isEqualTo(RelyingParty.DEMO_CLIENT);
        assertThat(claims.getIssuer()).isEqualTo(this.rp.issuer());
    }

    @Test
    void clientCredentialsWhenPrivateKeyJwtThenAuthenticatedByTheClientsPublishedKey() throws Exception {
        String audience = this.rp.issuer() + "/protocol/openid-connect/token";
        this.rp.token(Map.of("grant_type", "client_credentials", "client_id", "jwt-app",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", RelyingPartyJwks.assertion("jwt-app", audience)), null, null)
            .expectStatus().isOk().expectBody().jsonPath("$.access_token").isNotEmpty();
        this.rp.token(Map.of("grant_type", "client_credentials", "client_id", "jwt-app",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", RelyingPartyJwks.assertion("jwt-app", "https://someone-else.example/token")), null, null)
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void introspectionWhenTokenActiveThenClaimsWithUsernameAndAfterRevocationInactive() {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000028"));
        String accessToken = (String) tokens.get("access_token");

        Map<String, Object> active = introspect(accessToken);
        assertThat(active).containsEntry("active", true).containsEntry("client_id", RelyingParty.DEMO_CLIENT)
            .containsEntry("username", "819990000028").containsEntry("SubjectNameID", "819990000028")
            .containsEntry("authMode", "TEST").containsKey("exp");

        this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/revoke")
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=" + tokens.get("refresh_token"))
            .exchange().expectStatus().isOk();
        assertThat(introspect((String) tokens.get("refresh_token"))).containsEntry("active", false).hasSize(1);
        assertThat(introspect("not-a-token")).containsEntry("active", false).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> introspect(String token) {
        byte[] body = this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/token/introspect")
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=" + token)
            .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JsonMapper.builder().build().readValue(body, Map.class);
    }
}
