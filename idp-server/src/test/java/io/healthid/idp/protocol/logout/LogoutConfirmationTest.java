package io.healthid.idp.protocol.logout;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Logout without id_token_hint: the person is asked, and only their own confirmation ends the session. */
@IdpIntegrationTest
@Tag("OIDC-RP-Initiated-Logout-6")
class LogoutConfirmationTest {

    private static final String LOGOUT = RelyingParty.REALM + "/protocol/openid-connect/logout";
    private static final Pattern CONFIRM = Pattern.compile("name=\"confirm\" value=\"([A-Za-z0-9_-]+)\"");

    private final WebTestClient http = new RelyingParty(ServerPort.PORT).http();

    private String sessionCookie(Browser browser) {
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        assertThat(browser.hasSession()).isTrue();
        return browser.get(RelyingParty.REALM + "/.well-known/openid-configuration").getRequestHeaders()
            .getFirst(HttpHeaders.COOKIE);
    }

    private boolean sessionLives(String cookie) {
        return this.http.get().uri(Browser.absolute(ServerPort.PORT, RelyingParty.demoAuthorizationRequest()))
            .header(HttpHeaders.COOKIE, cookie).exchange().returnResult(String.class).getResponseHeaders()
            .getLocation().toString().startsWith(RelyingParty.DEMO_REDIRECT);
    }

    @Test
    void logoutWhenNoHintByCrossSiteGetOrPostWithoutTokenThenAsksAndSessionLives() {
        String cookie = sessionCookie(new Browser(ServerPort.PORT));
        String page = this.http.get().uri(LOGOUT).header(HttpHeaders.COOKIE, cookie).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("method=\"post\"").containsPattern(CONFIRM);
        this.http.post().uri(LOGOUT).header(HttpHeaders.COOKIE, cookie).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("confirm=forged").exchange().expectStatus().isOk();
        assertThat(sessionLives(cookie)).isTrue();
    }

    @Test
    void logoutWhenConfirmedWithTheFormsTokenThenSessionEnds() {
        String cookie = sessionCookie(new Browser(ServerPort.PORT));
        String page = this.http.get().uri(LOGOUT).header(HttpHeaders.COOKIE, cookie).exchange()
            .expectBody(String.class).returnResult().getResponseBody();
        Matcher token = CONFIRM.matcher(page);
        assertThat(token.find()).isTrue();
        this.http.post().uri(LOGOUT).header(HttpHeaders.COOKIE, cookie).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("confirm=" + token.group(1)).exchange().expectStatus().isOk()
            .expectHeader().value(HttpHeaders.SET_COOKIE, value -> assertThat(value).contains("Max-Age=0"));
        assertThat(sessionLives(cookie)).isFalse();
    }
}
