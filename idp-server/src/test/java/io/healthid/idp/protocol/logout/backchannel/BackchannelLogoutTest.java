package io.healthid.idp.protocol.logout.backchannel;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

/** The provider side of OIDC Back-Channel Logout 1.0, against a real HTTP receiver standing for the relying party. */
@IdpIntegrationTest
class BackchannelLogoutTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", ServerPort.RP_BACKCHANNEL_PORT), 0);
        this.receiver.createContext("/logout/backchannel", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            this.received.add(exchange.getRequestMethod() + " " + contentType + " " + body);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        this.receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        this.receiver.stop(0);
    }

    @Test
    @Tag("OIDC-BCL-2.4")
    @Tag("OIDC-BCL-2.5")
    void logoutWhenSessionEndsThenParticipantReceivesSignedLogoutTokenForItsSession() throws Exception {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000028"));
        JWTClaimsSet idToken = this.rp.verify((String) tokens.get("id_token"));

        String logout = UriComponentsBuilder.fromPath(RelyingParty.REALM + "/protocol/openid-connect/logout")
            .queryParam("id_token_hint", tokens.get("id_token"))
            .queryParam("post_logout_redirect_uri", "http://localhost:8081/")
            .encode().build().toUriString();
        assertThat(browser.redirectFrom(logout)).isEqualTo(URI.create("http://localhost:8081/"));

        String delivery = this.received.poll(20, TimeUnit.SECONDS);
        assertThat(delivery).as("a logout token POSTed to the registered back-channel logout URI").isNotNull();
        assertThat(delivery).startsWith("POST application/x-www-form-urlencoded");
        String form = delivery.substring(delivery.lastIndexOf(' ') + 1);
        assertThat(form).startsWith("logout_token=");
        String logoutToken = URLDecoder.decode(form.substring("logout_token=".length()), StandardCharsets.US_ASCII);

        JWTClaimsSet claims = this.rp.verify(logoutToken);
        assertThat(SignedJWT.parse(logoutToken).getHeader().getType().toString()).isEqualTo("logout+jwt");
        assertThat(claims.getIssuer()).isEqualTo(this.rp.issuer());
        assertThat(claims.getAudience()).containsExactly(RelyingParty.DEMO_CLIENT);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getJSONObjectClaim("events")).containsOnlyKeys(LogoutTokens.EVENT);
        assertThat(claims.getStringClaim("sid")).isEqualTo(idToken.getStringClaim("sid")).isNotBlank();
        assertThat(claims.getSubject()).isEqualTo(idToken.getSubject());
        assertThat(claims.getClaim("nonce")).isNull();
    }

    @Test
    @Tag("OIDC-BCL-2.5")
    void logoutWhenTokensWereRefreshedThenParticipantIsToldOnceWithTheSessionsSid() throws Exception {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000028"));
        String sid = this.rp.verify((String) tokens.get("id_token")).getStringClaim("sid");
        Map<?, ?> refreshed = this.rp.token(Map.of("grant_type", "refresh_token",
                "refresh_token", (String) tokens.get("refresh_token")), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(this.rp.verify((String) refreshed.get("id_token")).getStringClaim("sid")).isEqualTo(sid);

        assertThat(sidOfLogoutTokenAfterLogoutFrom(browser)).isEqualTo(sid);
        assertThat(this.received.poll(1, TimeUnit.SECONDS)).as("one logout token for one session and client").isNull();
    }

    @Test
    @Tag("OIDC-BCL-2.5")
    void logoutWhenBrowserSessionClosedWithoutHintThenParticipantIsToldOnce() throws Exception {
        Browser browser = new Browser(ServerPort.PORT);
        Map<String, Object> tokens = this.rp.redeem(browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"));
        String sid = this.rp.verify((String) tokens.get("id_token")).getStringClaim("sid");

        assertThat(sidOfLogoutTokenAfterLogoutFrom(browser)).isEqualTo(sid);
        // a second logout of the same (now ended) session has no one left to tell
        browser.get(RelyingParty.REALM + "/protocol/openid-connect/logout");
        assertThat(this.received).isEmpty();
    }

    /** Logs the browser's session out at the end-session endpoint and reads the sid of the logout token delivered. */
    private String sidOfLogoutTokenAfterLogoutFrom(Browser browser) throws Exception {
        assertThat(browser.confirmLogout(RelyingParty.REALM + "/protocol/openid-connect/logout").getStatus().value())
            .isEqualTo(200);
        String delivery = this.received.poll(20, TimeUnit.SECONDS);
        assertThat(delivery).as("a logout token POSTed to the registered back-channel logout URI").isNotNull();
        String token = URLDecoder.decode(delivery.substring(delivery.indexOf("logout_token=") + 13), StandardCharsets.US_ASCII);
        return this.rp.verify(token).getStringClaim("sid");
    }
}
