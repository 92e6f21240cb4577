package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.RelyingParty.Pkce;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.idp.testsupport.TestClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
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

    @Autowired
    private TestClock clock;

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
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "tls_client_auth",
                            "none"))
                .jsonPath("$.authorization_response_iss_parameter_supported").isEqualTo(true)
                .jsonPath("$.request_parameter_supported").isEqualTo(false)
                .jsonPath("$.claims_parameter_supported").isEqualTo(false)
                .jsonPath("$.scopes_supported").value(scopes -> assertThat((List<Object>) scopes)
                    .containsExactlyInAnyOrder("openid", "profile", "scope_all"))
                .jsonPath("$.claims_supported").value(claims -> assertThat((List<Object>) claims)
                    .contains("name", "given_name", "family_name", "preferred_username").doesNotContain("email", "phone_number"))
                .jsonPath("$.backchannel_logout_supported").isEqualTo(true)
                .jsonPath("$.backchannel_logout_session_supported").isEqualTo(true);
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
        // the test authenticator's login says so: it never passes for a card or e-CPS login (ADR 0014)
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("TEST");
        // acr_values=eidas1 asked and satisfied (ADR 0011)
        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas1");
        assertThat(idToken.getStringListClaim("amr")).containsExactly("test");
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
    @Tag("OIDC-Core-9")
    @DisplayName("oidcc-server-client-secret-post / oidcc-refresh-token: a secret client registered for one of basic and post may use the other, as Keycloak accepts")
    void tokenWhenSecretClientUsesTheOtherSecretMethodThenAccepted() {
        // strict-app is registered with client_secret_basic only: the plan's first client, which its
        // client_secret_post module uses by post
        String strictRequest = RelyingParty.authorizationRequest("strict-app", "https://strict.example/cb")
            .queryParam("code_challenge", Pkce.CHALLENGE).queryParam("code_challenge_method", "S256").encode().build().toUriString();
        URI strictCallback = new Browser(ServerPort.PORT).signIn(strictRequest, "819990000010");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(strictCallback).get("code"),
                "redirect_uri", "https://strict.example/cb", "code_verifier", Pkce.VERIFIER,
                "client_id", "strict-app", "client_secret", "strict-app-secret"), null, null)
            .expectStatus().isOk().expectBody().jsonPath("$.id_token").isNotEmpty();

        // psc-connector is registered with client_secret_post only: the plan's second client, used with basic
        String connectorRequest = RelyingParty.authorizationRequest("psc-connector", "http://localhost:8180/realms/rp/broker/psc/endpoint")
            .encode().build().toUriString();
        URI connectorCallback = new Browser(ServerPort.PORT).signIn(connectorRequest, "819990000028");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(connectorCallback).get("code"),
                "redirect_uri", "http://localhost:8180/realms/rp/broker/psc/endpoint"), "psc-connector", "psc-connector-secret")
            .expectStatus().isOk().expectBody().jsonPath("$.id_token").isNotEmpty();

        // the secret itself is still checked whichever way it comes
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", "x",
                "client_id", "strict-app", "client_secret", "wrong"), null, null)
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
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
    @DisplayName("SSO: a second request in a live session gets a code without login")
    void authorizeWhenSessionLiveThenCodeWithoutLogin() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString()).startsWith(RelyingParty.DEMO_REDIRECT);
        // within the same second as the login: max_age=0 is prompt=login (OIDC Core 3.1.2.1)
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest() + "&max_age=0").getPath())
            .endsWith("/login-actions/authenticate");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"prompt=login", "max_age=1"})
    @Tag("OIDC-Core-3.1.2.1")
    @DisplayName("oidcc-prompt-login / oidcc-max-age-1: 2 s after login the request shows the login page again; the second auth_time is later")
    void authorizeWhenPromptLoginOrSessionOlderThanMaxAgeThenSecondLoginWithLaterAuthTime(String parameter) throws Exception {
        Browser browser = new Browser(ServerPort.PORT);
        Date firstAuthTime = authTime(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        assertThat(authTimeOfLoginTwoSecondsLater(browser, RelyingParty.demoAuthorizationRequest() + "&" + parameter))
            .isAfter(firstAuthTime);
    }

    @Test
    @DisplayName("oidcc-max-age-10000: a session younger than max_age answers without login")
    void authorizeWhenSessionYoungerThanMaxAgeThenCodeWithoutLogin() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        assertThat(browser.redirectFrom(RelyingParty.demoAuthorizationRequest() + "&max_age=10000").toString())
            .startsWith(RelyingParty.DEMO_REDIRECT);
    }

    /** With the server's clock 2 s on, {@code request} must show the login page again: the new login's auth_time. */
    private Date authTimeOfLoginTwoSecondsLater(Browser browser, String request) throws Exception {
        this.clock.advance(Duration.ofSeconds(2));
        try {
            assertThat(browser.redirectFrom(request).getPath()).endsWith("/login-actions/authenticate");
            return authTime(browser.signIn(request, "819990000010"));
        }
        finally {
            this.clock.reset();
        }
    }

    private Date authTime(URI callback) throws Exception {
        return this.rp.verify((String) this.rp.redeem(callback).get("id_token")).getDateClaim("auth_time");
    }

    @Test
    @Tag("RFC9700-2.1.1")
    @DisplayName("oidcc-server (suite's confidential client): no PKCE, with a nonce: a code, and tokens without a verifier")
    void codeFlowWhenConfidentialClientSendsNonceWithoutPkceThenTokens() throws Exception {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .encode().build().toUriString();
        URI callback = new Browser(ServerPort.PORT).signIn(request, "819990000010");
        Map<String, Object> tokens = redeemWithoutVerifier(callback);
        assertThat(this.rp.verify((String) tokens.get("id_token")).getStringClaim("nonce")).isEqualTo("n-456");
    }

    @Test
    @DisplayName("oidcc-ensure-request-without-nonce-succeeds-for-code-flow: neither nonce nor PKCE from a confidential client: a code")
    void codeFlowWhenConfidentialClientSendsNeitherNonceNorPkceThenStillTokens() throws Exception {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .replaceQueryParam("nonce").encode().build().toUriString();
        Map<String, Object> tokens = redeemWithoutVerifier(new Browser(ServerPort.PORT).signIn(request, "819990000010"));
        assertThat(this.rp.verify((String) tokens.get("id_token")).getClaim("nonce")).isNull();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> redeemWithoutVerifier(URI callback) {
        assertThat(Browser.query(callback)).containsKey("code").containsEntry("state", "st-123");
        return this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", RelyingParty.DEMO_REDIRECT), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    @Tag("OIDC-Core-3.1.2.6")
    @DisplayName("oidcc-unsigned-request-object-supported-correctly-or-rejected-as-unsupported: request_not_supported, redirected")
    void authorizeWhenRequestObjectSentThenRedirectedWithRequestNotSupported() {
        // alg none, as the suite sends it: {"alg":"none"}.{"client_id":"client-demo",...}.
        String requestObject = base64Url("{\"alg\":\"none\"}") + "." + base64Url("{\"iss\":\"client-demo\",\"aud\":\""
                + this.rp.issuer() + "\",\"client_id\":\"client-demo\",\"response_type\":\"code\",\"scope\":\"openid\","
                + "\"redirect_uri\":\"" + RelyingParty.DEMO_REDIRECT + "\",\"state\":\"st-123\",\"nonce\":\"n-456\"}") + ".";
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .queryParam("request", requestObject).encode().build().toUriString();

        URI answer = new Browser(ServerPort.PORT).redirectFrom(request);

        assertThat(answer.toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?");
        assertThat(Browser.query(answer)).containsEntry("error", "request_not_supported").containsEntry("state", "st-123")
            .containsEntry("iss", this.rp.issuer()).doesNotContainKey("code");
    }

    @Test
    @DisplayName("refused request object with an unregistered redirect URI: a page that says request objects are not read, and why no redirect")
    void authorizeWhenRequestObjectAndUnregisteredRedirectThenPageExplainsBoth() {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, "http://evil.example/cb")
            .queryParam("request", "eyJhbGciOiJub25lIn0.e30.").encode().build().toUriString();
        var page = new Browser(ServerPort.PORT).get(request);
        assertThat(page.getStatus().value()).isEqualTo(400);
        assertThat(page.getResponseHeaders().getLocation()).isNull();
        assertThat(page.getResponseBody()).contains("invalid_request (redirect_uri)")
            .contains("Les objets de requête (paramètre request) ne sont pas pris en charge")
            .contains("caractère pour caractère");
    }

    @Test
    @DisplayName("oidcc-response-type-missing: a page naming invalid_request and, in words, the missing response_type (FR and EN)")
    void authorizeWhenResponseTypeMissingThenPageNamesErrorAndParameter() {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .replaceQueryParam("response_type").encode().build().toUriString();
        assertThat(errorPage(request, "fr")).contains("invalid_request (response_type)")
            .contains("Le paramètre response_type est absent").contains("response_type=code");
        assertThat(errorPage(request, "en")).contains("invalid_request (response_type)")
            .contains("The response_type parameter is missing").contains("For the application’s developers");
    }

    @Test
    @DisplayName("oidcc-ensure-registered-redirect-uri page: names invalid_request (redirect_uri) and the exact-match rule, in English")
    void authorizeWhenRedirectUriNotRegisteredThenPageExplainsExactMatch() {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT + "/")
            .encode().build().toUriString();
        assertThat(errorPage(request, "en")).contains("invalid_request (redirect_uri)")
            .contains("character for character").contains("never redirect to an unregistered address");
    }

    /** The page a browser preferring {@code language} gets: 400, no redirect. */
    private String errorPage(String request, String language) {
        return this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, request)).header(HttpHeaders.ACCEPT_LANGUAGE, language)
            .exchange()
            .expectStatus().isBadRequest().expectHeader().doesNotExist(HttpHeaders.LOCATION)
            .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    @DisplayName("oidcc-scope-profile / oidcc-claims-essential: profile is granted and userinfo carries name, given_name, family_name, preferred_username")
    void userinfoWhenProfileScopeThenStandardProfileClaims() {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .replaceQueryParam("scope", "openid profile")
            .queryParam("code_challenge", Pkce.CHALLENGE).queryParam("code_challenge_method", "S256").encode().build().toUriString()
            + "&claims=" + java.net.URLEncoder.encode("{\"userinfo\":{\"name\":{\"essential\":true}}}", java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT).signIn(request, "819990000010"));
        assertThat((String) tokens.get("scope")).contains("profile");

        Map<?, ?> userinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(userinfo.get("given_name")).isEqualTo("SOPHIE");
        assertThat(userinfo.get("family_name")).isEqualTo("MARTIN");
        assertThat(userinfo.get("name")).isEqualTo("SOPHIE MARTIN");
        assertThat(userinfo.get("preferred_username")).isEqualTo("819990000010");
    }

    @Test
    @Tag("OIDC-Core-5.5")
    @DisplayName("oidcc-claims-essential / oidcc-server: the ID token keeps PSC's names but no name nobody asked for; userinfo has it")
    void idTokenWhenNameNotRequestedThenPscNamesWithoutName() throws Exception {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        JWTClaimsSet idToken = this.rp.verify((String) tokens.get("id_token"));
        assertThat(idToken.getStringClaim("given_name")).isEqualTo("SOPHIE");
        assertThat(idToken.getStringClaim("family_name")).isEqualTo("MARTIN");
        assertThat(idToken.getClaims()).doesNotContainKey("name");

        Map<?, ?> userinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(userinfo.get("name")).isEqualTo("SOPHIE MARTIN");
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
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
    @DisplayName("logout without id_token_hint: the person is asked to confirm; the session stays until then")
    @Tag("OIDC-RP-Initiated-Logout-6")
    void logoutWhenNoHintThenAsksForConfirmationAndKeepsTheSession() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        var result = browser.get(RelyingParty.REALM + "/protocol/openid-connect/logout");
        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(result.getResponseBody()).contains("Se déconnecter ?").contains("name=\"confirm\"");
        assertThat(browser.hasSession()).isTrue();
    }
}
