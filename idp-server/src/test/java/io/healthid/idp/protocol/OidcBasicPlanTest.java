package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.RelyingParty.Pkce;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The checks of the OpenID Foundation's Basic OP certification plan that apply to a code-flow-only provider, each
 * named after the plan's module, run against the real server.
 */
@IdpIntegrationTest
@Tag("OIDF-basic-op")
class OidcBasicPlanTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    @DisplayName("oidcc-discovery: both discovery paths describe exactly what is implemented")
    @SuppressWarnings("unchecked")
    void discoveryWhenFetchedThenAdvertisesImplementedFeaturesOnly() {
        for (String path : new String[] {"/.well-known/openid-configuration", "/.well-known/wallet-openid-configuration"}) {
            this.rp.http().get().uri(RelyingParty.REALM + path).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.issuer").isEqualTo(this.rp.issuer())
                .jsonPath("$.authorization_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/auth")
                .jsonPath("$.token_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/token")
                .jsonPath("$.userinfo_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/userinfo")
                .jsonPath("$.jwks_uri").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/certs")
                .jsonPath("$.end_session_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/logout")
                .jsonPath("$.introspection_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/token/introspect")
                .jsonPath("$.revocation_endpoint").isEqualTo(this.rp.issuer() + "/protocol/openid-connect/revoke")
                .jsonPath("$.response_types_supported").isEqualTo(List.of("code"))
                .jsonPath("$.grant_types_supported").value(grants -> assertThat((List<Object>) grants)
                    .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials",
                            "urn:openid:params:grant-type:ciba"))
                .jsonPath("$.code_challenge_methods_supported").isEqualTo(List.of("S256"))
                .jsonPath("$.id_token_signing_alg_values_supported").isEqualTo(List.of("RS256", "ES256"))
                .jsonPath("$.token_endpoint_auth_methods_supported").value(methods -> assertThat((List<Object>) methods)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "tls_client_auth"))
                .jsonPath("$.authorization_response_iss_parameter_supported").isEqualTo(true)
                .jsonPath("$.request_parameter_supported").isEqualTo(false)
                .jsonPath("$.backchannel_logout_supported").isEqualTo(false);
        }
    }

    @Test
    @DisplayName("JWKS: public RS256 and ES256 keys with kid, use and alg; no private member")
    void jwksWhenFetchedThenPublicKeysOnly() throws Exception {
        var keys = this.rp.jwks().getKeys();
        assertThat(keys).extracting(key -> key.getAlgorithm().getName()).contains("RS256", "ES256");
        assertThat(keys).allSatisfy(key -> {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
        });
    }

    @Test
    @DisplayName("oidcc-server: code flow gives an ID token with iss, aud, sub, nonce, at_hash, signed with a published kid")
    void codeFlowWhenSignedInThenIdTokenCarriesRequiredClaims() throws Exception {
        Browser browser = new Browser(ServerPort.PORT);
        URI callback = browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");

        Map<String, String> response = Browser.query(callback);
        assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?");
        assertThat(response).containsEntry("state", "st-123").containsEntry("iss", this.rp.issuer()).containsKey("code");

        Map<String, Object> tokens = this.rp.redeem(callback);
        assertThat(tokens).containsKeys("access_token", "refresh_token", "id_token", "session_state")
            .containsEntry("token_type", "Bearer").containsEntry("expires_in", 120).containsEntry("refresh_expires_in", 1800)
            .containsEntry("not-before-policy", 0);
        JWTClaimsSet idToken = this.rp.verify((String) tokens.get("id_token"));
        assertThat(idToken.getIssuer()).isEqualTo(this.rp.issuer());
        assertThat(idToken.getAudience()).containsExactly(RelyingParty.DEMO_CLIENT);
        assertThat(idToken.getSubject()).matches("f:[0-9a-f-]{36}:819990000010");
        assertThat(idToken.getStringClaim("nonce")).isEqualTo("n-456");
        assertThat(idToken.getStringClaim("at_hash")).isEqualTo(RelyingParty.atHash((String) tokens.get("access_token")));
        assertThat(idToken.getStringClaim("SubjectNameID")).isEqualTo("819990000010");
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("CARD");
        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas3");
        assertThat(idToken.getStringListClaim("amr")).contains("sc", "pin");
        assertThat(idToken.getStringClaim("sid")).isEqualTo(tokens.get("session_state"));
        assertThat(idToken.getDateClaim("auth_time")).isBefore(new Date(System.currentTimeMillis() + 1000));
        assertThat(idToken.getExpirationTime()).isAfter(new Date());
    }

    @Test
    @DisplayName("oidcc-userinfo-get / -post-header / -post-body: same claims by every method")
    void userinfoWhenCalledByGetOrPostThenReturnsSameSubject() throws Exception {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000028"));
        String accessToken = (String) tokens.get("access_token");
        String idTokenSubject = this.rp.verify((String) tokens.get("id_token")).getSubject();

        Map<?, ?> byGet = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth(accessToken)).exchange()
            .expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> byPostHeader = this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth(accessToken)).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> byPostBody = this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("access_token=" + accessToken).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(byGet.get("sub")).isEqualTo(idTokenSubject);
        assertThat(byGet.get("SubjectNameID")).isEqualTo("819990000028");
        assertThat(byPostHeader).isEqualTo(byGet);
        assertThat(byPostBody).isEqualTo(byGet);
    }

    @Test
    @DisplayName("oidcc-userinfo: no token or a forged token gets 401 with a Bearer challenge")
    void userinfoWhenTokenMissingOrForgedThenUnauthorizedWithChallenge() {
        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo").exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"));
        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).contains("invalid_token"));
    }

    @Test
    @DisplayName("oidcc-codereuse: a code used twice is refused and the tokens it gave are revoked")
    void tokenWhenCodeReusedThenRevokesTokens() throws Exception {
        URI callback = new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        Map<String, Object> first = this.rp.redeem(callback);

        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", RelyingParty.DEMO_REDIRECT, "code_verifier", Pkce.VERIFIER),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");

        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) first.get("access_token"))).exchange()
            .expectStatus().isUnauthorized();
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", (String) first.get("refresh_token")),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("oidcc-ensure-registered-redirect-uri: a redirect URI not registered character for character gets a page, never a redirect")
    void authorizeWhenRedirectUriNotRegisteredThenErrorPageWithoutRedirect() {
        for (String redirect : new String[] {"http://localhost:8081/login/oauth2/code/psc/", "http://evil.example/cb",
                "http://localhost:8081/login/oauth2/code/PSC", "http://localhost:8081/login/oauth2/code/psc?x=1"}) {
            String uri = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, redirect)
                .queryParam("code_challenge", Pkce.CHALLENGE).queryParam("code_challenge_method", "S256").encode().build().toUriString();
            new Browser(ServerPort.PORT);
            this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, uri)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().doesNotExist(HttpHeaders.LOCATION)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
        }
    }

    @Test
    @DisplayName("unknown client: an error page, never a redirect")
    void authorizeWhenClientUnknownThenErrorPage() {
        String uri = RelyingParty.authorizationRequest("no-such-client", RelyingParty.DEMO_REDIRECT).encode().build().toUriString();
        this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, uri)).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().doesNotExist(HttpHeaders.LOCATION)
            .expectBody(String.class).value(page -> assertThat(page).contains("invalid_request").doesNotContain("Exception"));
    }

    @Test
    @DisplayName("PKCE (RFC 7636): a public client must send a challenge, and the verifier must match it")
    void tokenWhenPkceVerifierWrongThenInvalidGrant() {
        String withoutChallenge = RelyingParty.authorizationRequest("public-app", "http://127.0.0.1:9999/callback").encode().build().toUriString();
        URI error = new Browser(ServerPort.PORT).redirectFrom(withoutChallenge);
        assertThat(Browser.query(error)).containsEntry("error", "invalid_request").containsEntry("state", "st-123");

        String withChallenge = RelyingParty.authorizationRequest("public-app", "http://127.0.0.1:9999/callback")
            .queryParam("code_challenge", Pkce.CHALLENGE).queryParam("code_challenge_method", "S256").encode().build().toUriString();
        URI callback = new Browser(ServerPort.PORT).signIn(withChallenge, "819990000010");
        this.rp.token(Map.of("grant_type", "authorization_code", "client_id", "public-app", "code",
                Browser.query(callback).get("code"), "redirect_uri", "http://127.0.0.1:9999/callback",
                "code_verifier", "wrong-verifier-wrong-verifier-wrong-verifier-00"), null, null)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("oidcc-prompt-none-not-logged-in / -logged-in: login_required without a session, a code with one")
    void authorizeWhenPromptNoneThenLoginRequiredOrSilentCode() {
        Browser browser = new Browser(ServerPort.PORT);
        String promptNone = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .queryParam("prompt", "none").queryParam("code_challenge", Pkce.CHALLENGE)
            .queryParam("code_challenge_method", "S256").encode().build().toUriString();
        assertThat(Browser.query(browser.redirectFrom(promptNone))).containsEntry("error", "login_required")
            .containsEntry("state", "st-123");

        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        assertThat(Browser.query(browser.redirectFrom(promptNone))).containsKey("code").doesNotContainKey("error");
    }

    @Test
    @DisplayName("SSO: a second request in a live session gets a code without login; prompt=login and max_age=0 force a new login")
    void authorizeWhenSessionLiveThenNoLoginUnlessPromptLoginOrMaxAge() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString()).startsWith(RelyingParty.DEMO_REDIRECT);

        String promptLogin = RelyingParty.demoAuthorizationRequest() + "&prompt=login";
        assertThat(browser.redirectFrom(promptLogin).getPath()).endsWith("/login-actions/authenticate");
        // within the same second as the login: max_age=0 is prompt=login (OIDC Core 3.1.2.1)
        String maxAgeZero = RelyingParty.demoAuthorizationRequest() + "&max_age=0";
        assertThat(browser.redirectFrom(maxAgeZero).getPath()).endsWith("/login-actions/authenticate");
    }

    @Test
    @DisplayName("oidcc-refresh-token: rotation gives new tokens; the old refresh token replayed revokes the family")
    void refreshWhenRotatedTokenReusedThenRevokesFamily() throws Exception {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        String firstRefresh = (String) tokens.get("refresh_token");

        Map<?, ?> refreshed = this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String secondRefresh = (String) refreshed.get("refresh_token");
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        assertThat(this.rp.verify((String) refreshed.get("id_token")).getSubject())
            .isEqualTo(this.rp.verify((String) tokens.get("id_token")).getSubject());

        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", firstRefresh),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", secondRefresh),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("RP-initiated logout: registered post_logout_redirect_uri gets state back; the session is gone")
    void logoutWhenIdTokenHintAndRegisteredUriThenRedirectsAndEndsSession() {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));

        URI back = browser.redirectFrom(RelyingParty.REALM + "/protocol/openid-connect/logout?id_token_hint="
                + tokens.get("id_token") + "&post_logout_redirect_uri=http://localhost:8081/&state=bye");
        assertThat(back.toString()).isEqualTo("http://localhost:8081/?state=bye");
        assertThat(browser.hasSession()).isFalse();
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).getPath()).endsWith("/login-actions/authenticate");
    }

    @Test
    @DisplayName("a refresh token dies with its SSO session: after logout (even from another browser) refreshing fails")
    void refreshWhenSessionLoggedOutThenInvalidGrant() {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        // a second application in the same SSO session
        Map<String, Object> second = this.rp.redeem(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()));
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", (String) second.get("refresh_token")),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectStatus().isOk();

        new Browser(ServerPort.PORT).redirectFrom(RelyingParty.REALM + "/protocol/openid-connect/logout?id_token_hint="
                + tokens.get("id_token") + "&post_logout_redirect_uri=http://localhost:8081/");

        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", (String) second.get("refresh_token")),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @DisplayName("logout with an unregistered post_logout_redirect_uri: a page, no redirect")
    void logoutWhenPostLogoutUriNotRegisteredThenNoRedirect() {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        var result = browser.get(RelyingParty.REALM + "/protocol/openid-connect/logout?id_token_hint=" + tokens.get("id_token")
                + "&post_logout_redirect_uri=http://evil.example/");
        assertThat(result.getStatus().value()).isEqualTo(400);
        assertThat(result.getResponseHeaders().getLocation()).isNull();
    }

    @Test
    @DisplayName("logout without id_token_hint: the browser's session closes and a 'session closed' page shows")
    void logoutWhenNoHintThenSessionClosedPage() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        var result = browser.get(RelyingParty.REALM + "/protocol/openid-connect/logout");
        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(result.getResponseBody()).contains("Session fermée");
        assertThat(browser.hasSession()).isFalse();
    }
}
