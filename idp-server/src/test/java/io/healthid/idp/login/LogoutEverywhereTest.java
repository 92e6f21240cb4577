package io.healthid.idp.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A person's devices and "log out everywhere", from the phone (the device API, DPoP) and from the account page in the
 * browser: every SSO session ends (relying parties told over the back channel), every refresh token fails, those of
 * CIBA (no session) included, and a revoked device's proofs are refused.
 */
@IdpIntegrationTest
class LogoutEverywhereTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]+)\"");

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable each : this.closing) {
            each.close();
        }
    }

    private TestDevice phoneOf(String nationalId) {
        TestDevice phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), nationalId);
        this.closing.add(phone);
        return phone;
    }

    @Test
    @Tag("OIDC-BCL-2.5")
    void logoutEverywhereWhenAskedFromThePhoneThenSessionsEndAndRefreshTokensOfBrowsersAndCibaFail() throws Exception {
        BlockingQueue<String> logoutTokens = backchannelReceiver();
        String person = SampleDirectory.INTERNE;
        TestDevice phone = phoneOf(person);

        Browser office = new Browser(ServerPort.PORT);
        Map<String, Object> officeTokens = this.rp.redeem(office.signIn(RelyingParty.demoAuthorizationRequest(), person));
        Browser home = new Browser(ServerPort.PORT);
        Map<String, Object> homeTokens = this.rp.redeem(home.signIn(RelyingParty.demoAuthorizationRequest(), person));
        Map<String, Object> cibaTokens = cibaLogin(phone, person);
        // both kinds of refresh token work until then (each refresh rotates it, and the access token with it)
        String officeRefresh = refreshed((String) officeTokens.get("refresh_token")).path("refresh_token").asString();
        JsonNode cibaRefreshed = refreshed((String) cibaTokens.get("refresh_token"));
        String cibaRefresh = cibaRefreshed.path("refresh_token").asString();
        String cibaAccess = cibaRefreshed.path("access_token").asString();
        assertThat(introspect(cibaAccess).path("active").asBoolean()).isTrue();

        EntityExchangeResult<String> done = phone.send("POST", "/ecps/v1/devices/" + phone.deviceId() + "/logout-everywhere",
                null, true);

        assertThat(done.getStatus().value()).as(done.getResponseBody()).isEqualTo(200);
        JsonNode outcome = TestDevice.json(done);
        assertThat(outcome.path("sessions").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(outcome.path("authorizations").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(refreshError(officeRefresh)).isEqualTo("invalid_grant");
        assertThat(refreshError((String) homeTokens.get("refresh_token"))).isEqualTo("invalid_grant");
        assertThat(refreshError(cibaRefresh)).as("a CIBA token, without any browser session").isEqualTo("invalid_grant");
        assertThat(introspect(cibaAccess).path("active").asBoolean()).isFalse();
        assertNoSilentLogin(office);
        assertNoSilentLogin(home);
        // the relying party that took part in both browser sessions is told about each (and about any other session
        // of the person that earlier tests left open)
        Set<String> expected = Set.of(sidOf(officeTokens), sidOf(homeTokens));
        Set<String> told = new HashSet<>();
        String delivery;
        while (!told.containsAll(expected) && (delivery = logoutTokens.poll(20, TimeUnit.SECONDS)) != null) {
            told.add(this.rp.verify(delivery).getStringClaim("sid"));
        }
        assertThat(told).containsAll(expected);
        // the phone stays activated
        assertThat(phone.listDevices().getStatus().value()).isEqualTo(200);
    }

    @Test
    void devicesWhenOneRevokedFromAnotherThenItsProofsGet401AndTheListSaysRevoked() {
        String person = EcpsEnrolment.freshNationalId();
        TestDevice kept = phoneOf(person);
        TestDevice lost = phoneOf(person);
        JsonNode before = TestDevice.json(kept.listDevices()).path("devices");
        assertThat(before).hasSize(2);

        assertThat(kept.revoke(lost.deviceId()).getStatus().value()).isEqualTo(204);

        assertRefused(lost.listDevices(), 401, ReasonCode.ECPS_DEVICE_REVOKED);
        assertRefused(lost.send("POST", "/ecps/v1/devices/" + lost.deviceId() + "/logout-everywhere", null, true), 401,
                ReasonCode.ECPS_DEVICE_REVOKED);
        assertRefused(lost.revoke(kept.deviceId()), 401, ReasonCode.ECPS_DEVICE_REVOKED);
        assertThat(TestDevice.json(kept.listDevices()).path("devices")).anySatisfy(device -> {
            assertThat(device.path("deviceId").asString()).isEqualTo(lost.deviceId());
            assertThat(device.path("status").asString()).isEqualTo("revoked");
        });
        // another person's device is not one to log out with
        TestDevice stranger = phoneOf(EcpsEnrolment.freshNationalId());
        assertRefused(stranger.send("POST", "/ecps/v1/devices/" + kept.deviceId() + "/logout-everywhere", null, true), 404,
                ReasonCode.ECPS_NOT_ENROLLED);
    }

    @Test
    void accountPageWhenSignedInThenListsDevicesRevokesOneAndLogsOutEverywhereOnlyWithItsOwnForm() {
        String person = SampleDirectory.SEVERAL_SITES;
        TestDevice phone = phoneOf(person);
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), person);
        Browser elsewhere = new Browser(ServerPort.PORT);
        Map<String, Object> elsewhereTokens = this.rp.redeem(elsewhere.signIn(RelyingParty.demoAuthorizationRequest(), person));
        String account = this.issuer.url("/account");

        EntityExchangeResult<String> page = browser.get(account);
        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseBody()).contains(person).contains("data-device-id=\"" + phone.deviceId() + "\"")
            .contains("Se déconnecter partout");
        String token = formToken(page.getResponseBody());

        // a form that did not come from the page changes nothing
        EntityExchangeResult<String> forged = browser.postForm(account + "/devices/revoke",
                Map.of("token", "forged", "deviceId", phone.deviceId()));
        assertThat(forged.getStatus().value()).isEqualTo(403);
        assertThat(phone.listDevices().getStatus().value()).isEqualTo(200);

        EntityExchangeResult<String> revoked = browser.postForm(account + "/devices/revoke",
                Map.of("token", token, "deviceId", phone.deviceId()));
        assertThat(revoked.getStatus().value()).isEqualTo(303);
        assertRefused(phone.listDevices(), 401, ReasonCode.ECPS_DEVICE_REVOKED);
        assertThat(browser.get(account).getResponseBody())
            .contains("data-device-id=\"" + phone.deviceId() + "\" data-status=\"revoked\"");

        assertThat(browser.postForm(account + "/logout-everywhere", Map.of("token", "forged")).getStatus().value())
            .isEqualTo(403);
        assertThat(browser.hasSession()).isTrue();
        assertThat(browser.get(account).getStatus().value()).as("still signed in").isEqualTo(200);

        EntityExchangeResult<String> everywhere = browser.postForm(account + "/logout-everywhere", Map.of("token", token));
        assertThat(everywhere.getStatus().value()).isEqualTo(200);
        assertThat(everywhere.getResponseBody()).contains("déconnecté partout");
        assertThat(browser.hasSession()).isFalse();
        assertThat(refreshError((String) elsewhereTokens.get("refresh_token"))).isEqualTo("invalid_grant");
        assertNoSilentLogin(elsewhere);
        EntityExchangeResult<String> signedOut = elsewhere.get(account);
        assertThat(signedOut.getStatus().value()).isEqualTo(401);
        assertThat(signedOut.getResponseBody()).contains("pas connecté").doesNotContain("logout-everywhere");
    }

    /** The same browser asks again: a live SSO session would send it straight back with a code. */
    private static void assertNoSilentLogin(Browser browser) {
        URI next = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        assertThat(next.toString()).doesNotStartWith(RelyingParty.DEMO_REDIRECT).contains("/login-actions/authenticate");
    }

    private Map<String, Object> cibaLogin(TestDevice phone, String person) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("scope", "openid scope_all");
        form.add("login_hint", person);
        form.add("binding_message", "Log out everywhere");
        String started = this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/ext/ciba/auth")
            .headers(headers -> headers.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        String authReqId = JSON.readTree(started).path("auth_req_id").asString();
        assertThat(phone.approve(phone.nextPush(), null).getStatus().value()).isEqualTo(200);
        return tokens(this.rp.token(Map.of("grant_type", "urn:openid:params:grant-type:ciba", "auth_req_id", authReqId),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
    }

    /** The token response of a refresh that must succeed. */
    private JsonNode refreshed(String refreshToken) {
        String body = refresh(refreshToken);
        assertThat(JSON.readTree(body).has("refresh_token")).as(body).isTrue();
        return JSON.readTree(body);
    }

    private String refreshError(String refreshToken) {
        return JSON.readTree(refresh(refreshToken)).path("error").asString();
    }

    private String refresh(String refreshToken) {
        return this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), RelyingParty.DEMO_CLIENT,
                RelyingParty.DEMO_SECRET).expectBody(String.class).returnResult().getResponseBody();
    }

    private JsonNode introspect(String token) {
        return JSON.readTree(this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/token/introspect")
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=" + token)
            .exchange().expectBody(String.class).returnResult().getResponseBody());
    }

    private String sidOf(Map<String, Object> tokens) throws Exception {
        return this.rp.verify((String) tokens.get("id_token")).getStringClaim("sid");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tokens(String body) {
        return JSON.readValue(body, Map.class);
    }

    private static String formToken(String page) {
        Matcher matcher = FORM_TOKEN.matcher(page);
        assertThat(matcher.find()).as("a form token on the account page").isTrue();
        return matcher.group(1);
    }

    /** The demo client's back-channel logout URI: the logout tokens POSTed to it. */
    private BlockingQueue<String> backchannelReceiver() throws IOException {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", ServerPort.RP_BACKCHANNEL_PORT), 0);
        receiver.createContext("/logout/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            received.add(URLDecoder.decode(body.substring(body.indexOf("logout_token=") + 13), StandardCharsets.US_ASCII));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        this.closing.add(() -> receiver.stop(0));
        return received;
    }

    private static void assertRefused(EntityExchangeResult<String> result, int status, ReasonCode reason) {
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        assertThat(TestDevice.json(result).path("reason").asString()).isEqualTo(reason.name());
    }
}
