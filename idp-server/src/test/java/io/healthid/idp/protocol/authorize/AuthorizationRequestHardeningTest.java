package io.healthid.idp.protocol.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

/** Authorization requests: refused when malformed, answered the way they ask, stored no bigger than needed. */
@IdpIntegrationTest
class AuthorizationRequestHardeningTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private StringRedisTemplate redis;

    private static UriComponentsBuilder demo() {
        return RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE).queryParam("code_challenge_method", "S256");
    }

    private void expectRefusedWithoutRedirect(String uri) {
        this.rp.http().get().uri(Browser.absolute(ServerPort.PORT, uri)).exchange()
            .expectStatus().isBadRequest()
            .expectHeader().doesNotExist(HttpHeaders.LOCATION)
            .expectBody(String.class).value(page -> assertThat(page).contains("invalid_request"));
    }

    @Test
    @Tag("RFC7636-4.2")
    void authorizeWhenCodeChallengeMalformedThenInvalidRequest() {
        expectRefusedWithoutRedirect(demo().replaceQueryParam("code_challenge", "short").encode().build().toUriString());
        expectRefusedWithoutRedirect(demo().replaceQueryParam("code_challenge", "!".repeat(43)).encode().build().toUriString());
    }

    @Test
    @Tag("RFC8252-7.3")
    void authorizeWhenLoopbackRedirectPortAboveRangeThenRefused() {
        expectRefusedWithoutRedirect(RelyingParty.authorizationRequest("public-app", "http://127.0.0.1:99999/callback")
            .queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE).queryParam("code_challenge_method", "S256")
            .encode().build().toUriString());
    }

    @Test
    @Tag("OAuth-Multiple-Response-Types-2.1")
    void authorizeWhenResponseModeUnsupportedThenRefusedNotIgnored() {
        expectRefusedWithoutRedirect(demo().queryParam("response_mode", "fragment").encode().build().toUriString());
    }

    @Test
    @Tag("OAuth-Form-Post-2")
    void authorizeWhenFormPostThenCodePostedByAnAutoSubmittedForm() {
        Browser browser = new Browser(ServerPort.PORT);
        browser.signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        var page = browser.get(demo().queryParam("response_mode", "form_post").encode().build().toUriString());
        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseHeaders().getLocation()).isNull();
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy")).contains("script-src 'nonce-");
        assertThat(page.getResponseBody()).contains("action=\"" + RelyingParty.DEMO_REDIRECT + "\"")
            .contains("name=\"code\"").contains("name=\"state\" value=\"st-123\"").contains("name=\"iss\"");
    }

    @Test
    void authorizeWhenUnknownParametersSentThenLoginTransactionKeepsOnlyUsedOnes() {
        String uri = demo().queryParam("junk_parameter", "J".repeat(2000)).encode().build().toUriString();
        URI login = new Browser(ServerPort.PORT).redirectFrom(uri);
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        String stored = this.redis.opsForValue().get("login-tx:" + tx);
        assertThat(stored).contains("code_challenge").doesNotContain("junk_parameter").hasSizeLessThan(2000);
    }
}
