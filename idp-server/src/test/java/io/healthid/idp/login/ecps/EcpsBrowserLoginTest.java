package io.healthid.idp.login.ecps;

import static io.healthid.idp.ecps.EcpsBrowserLogin.numberOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.ecps.EcpsBrowserLogin;
import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.EcpsTestServices;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeStore;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Signing in with e-CPS in a browser, end to end: national id form, push, the number on the waiting page, the signed
 * approval from the test phone, the code at the relying party and tokens that say {@code MOBILE}; and the failures.
 */
@IdpIntegrationTest
class EcpsBrowserLoginTest {

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    @Autowired
    private ChallengeStore challengeStore;

    private TestDevice phone;

    @AfterEach
    void closePhone() {
        if (this.phone != null) {
            this.phone.close();
        }
    }

    /** A phone for a person of the sample directory (the login checks the directory). */
    private TestDevice phoneOf(String nationalId) {
        this.phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), nationalId);
        return this.phone;
    }

    @Test
    void loginWhenPhoneApprovesRightNumberThenCodeAndTokensSayMobile() throws Exception {
        TestDevice phone = phoneOf("819990000010");
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        String page = browser.get(login + "&" + Authenticator.NOT_DETECTED + "=CARD").getResponseBody();
        assertThat(page).contains("data-method=\"MOBILE\"").contains("/login-actions/ecps?tx=");
        String tx = Browser.query(login).get("tx");

        EntityExchangeResult<String> form = browser.get(this.issuer.value() + "/login-actions/ecps?tx=" + tx);
        assertThat(form.getResponseBody()).contains("name=\"nationalId\"").contains("PIN");
        // the bare 11-digit RPPS number is accepted too
        String waitUri = EcpsBrowserLogin.submit(browser, EcpsBrowserLogin.formUri(this.issuer.value(), tx), "19990000010").toString();

        EntityExchangeResult<String> waiting = browser.get(waitUri);
        assertThat(waiting.getStatus().value()).isEqualTo(200);
        int shown = numberOn(waiting.getResponseBody());

        String challengeId = phone.nextPush();
        JsonNode challenge = TestDevice.json(phone.challenge(challengeId));
        assertThat(phone.approve(challengeId, phone.pickNumber(challenge, shown)).getStatus().value()).isEqualTo(200);

        EntityExchangeResult<String> done = browser.get(waitUri);
        assertThat(done.getStatus().value()).isEqualTo(302);
        URI callback = done.getResponseHeaders().getLocation();
        assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT).contains("code=");

        RelyingParty rp = new RelyingParty(ServerPort.PORT);
        Map<String, Object> tokens = rp.redeem(callback);
        JWTClaimsSet idToken = rp.verify((String) tokens.get("id_token"));
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("MOBILE");
        // the relying party asked eidas1: acr answers the requested level, amr and authMode tell the means (ADR 0011)
        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas1");
        assertThat(idToken.getStringListClaim("amr")).contains("mfa");
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo("819990000010");

        // the approval was used once: reloading the waiting page does not sign in a second time
        assertThat(browser.get(waitUri).getStatus().value()).isNotEqualTo(302);
    }

    @Test
    void waitWhenAnotherBrowserHasTheLinkThenItCannotFinish() {
        TestDevice phone = phoneOf("819990000028");
        Browser browser = new Browser(ServerPort.PORT);
        String waitUri = startLogin(browser, "819990000028");
        int shown = numberOn(browser.get(waitUri).getResponseBody());
        String challengeId = phone.nextPush();
        phone.approve(challengeId, shown);

        Browser attacker = new Browser(ServerPort.PORT);
        EntityExchangeResult<String> stolen = attacker.get(waitUri);
        assertThat(stolen.getStatus().value()).isNotEqualTo(302);
        assertThat(stolen.getResponseBody()).contains(ReasonCode.SESSION_EXPIRED.name());
        // the rightful browser still finishes
        assertThat(browser.get(waitUri).getStatus().value()).isEqualTo(302);
    }

    @Test
    void waitWhenPhoneDeniesThenPageWithReasonAndRetry() {
        TestDevice phone = phoneOf("819990000036");
        Browser browser = new Browser(ServerPort.PORT);
        String waitUri = startLogin(browser, "819990000036");
        phone.deny(phone.nextPush());

        EntityExchangeResult<String> failed = browser.get(waitUri);
        assertThat(failed.getStatus().value()).isEqualTo(401);
        assertThat(failed.getResponseBody()).contains("ECPS_DENIED").contains("/login-actions/authenticate?tx=");
    }

    @Test
    void waitWhenTimedOutOnAndroid15ThenPageMentionsBatterySaver() {
        phoneOf("819990000010");
        Browser browser = new Browser(ServerPort.PORT);
        String waitUri = startLogin(browser, "819990000010");
        String challengeId = this.phone.nextPush();
        // what the expiry does when nobody answers (proved with a controlled clock in ChallengeTimeoutTest)
        this.challengeStore.transition(challengeId, Challenge.Status.PENDING, Challenge.Status.REFUSED, ReasonCode.ECPS_TIMEOUT,
                null).block();

        EntityExchangeResult<String> failed = browser.get(waitUri, Map.of("User-Agent",
                "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"));
        assertThat(failed.getResponseBody()).contains("ECPS_TIMEOUT").contains("économiseur de batterie");
    }

    @Test
    void loginWhenNationalIdMalformedOrNotEnrolledThenSaysWhatToDo() {
        Browser browser = new Browser(ServerPort.PORT);
        String tx = Browser.query(browser.redirectFrom(RelyingParty.demoAuthorizationRequest())).get("tx");
        String form = this.issuer.value() + "/login-actions/ecps?tx=" + tx;

        EntityExchangeResult<String> malformed = browser.postForm(form, Map.of("nationalId", "12345"));
        assertThat(malformed.getStatus().value()).isEqualTo(400);
        assertThat(malformed.getResponseBody()).contains("name=\"nationalId\"");

        EntityExchangeResult<String> unknown = browser.postForm(form, Map.of("nationalId", EcpsEnrolment.freshNationalId()));
        assertThat(unknown.getResponseBody()).contains(ReasonCode.ECPS_NOT_ENROLLED.name());
    }

    @Test
    void eventsWhenPhoneAnswersThenBrowserStreamIsWokenAndItsReloadContinues() throws Exception {
        TestDevice phone = phoneOf("819990000010");
        Browser browser = new Browser(ServerPort.PORT);
        String waitUri = startLogin(browser, "819990000010");
        String page = browser.get(waitUri).getResponseBody();
        int shown = numberOn(page);

        CompletableFuture<ServerSentEvent<String>> settled = EcpsBrowserLogin.firstEvent(EcpsBrowserLogin.eventsOn(page), browser);
        // whether the stream is listening yet or not, it reads the state after subscribing: no approval is missed
        phone.approve(phone.nextPush(), shown);

        ServerSentEvent<String> event = settled.get(30, TimeUnit.SECONDS);
        assertThat(event.event()).isEqualTo("settled");
        assertThat(event.data()).isEqualTo("approved");
        // a proxy in front (nginx, an ingress) is told to pass the events on at once
        assertThat(EcpsBrowserLogin.streamHeaders(EcpsBrowserLogin.eventsOn(page), browser).getFirst("X-Accel-Buffering"))
            .isEqualTo("no");
        assertThat(browser.get(waitUri).getStatus().value()).isEqualTo(302);
    }

    private String startLogin(Browser browser, String nationalId) {
        String tx = Browser.query(browser.redirectFrom(RelyingParty.demoAuthorizationRequest())).get("tx");
        URI waiting = EcpsBrowserLogin.submit(browser, EcpsBrowserLogin.formUri(this.issuer.value(), tx), nationalId);
        return UriComponentsBuilder.fromUri(waiting).build(true).toUriString();
    }
}
