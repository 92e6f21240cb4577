package io.healthid.idp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.RelyingParty.Pkce;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The PKCE policy (ADR 0011): S256 required for public clients and for confidential clients registered with
 * {@code require-pkce}, optional for other confidential clients; a code issued with a challenge always needs its
 * verifier; {@code plain} is refused.
 */
@IdpIntegrationTest
@Tag("RFC7636")
@Tag("RFC9700-2.1.1")
class PkcePolicyTest {

    private static final String STRICT_CLIENT = "strict-app";
    private static final String STRICT_REDIRECT = "https://strict.example/cb";

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Test
    @DisplayName("a confidential client registered with require-pkce and no challenge: invalid_request redirected, naming code_challenge")
    void authorizeWhenPkceRequiredByClientAndNoChallengeThenInvalidRequest() {
        String request = RelyingParty.authorizationRequest(STRICT_CLIENT, STRICT_REDIRECT).encode().build().toUriString();
        URI answer = new Browser(ServerPort.PORT).redirectFrom(request);
        assertThat(answer.toString()).startsWith(STRICT_REDIRECT + "?");
        assertThat(Browser.query(answer)).containsEntry("error", "invalid_request").containsEntry("state", "st-123")
            .hasEntrySatisfying("error_description", description -> assertThat(description).contains("code_challenge"));
    }

    @Test
    @DisplayName("a confidential client registered with require-pkce and an S256 challenge: signed in")
    void authorizeWhenPkceRequiredByClientAndChallengeThenCode() {
        String request = RelyingParty.authorizationRequest(STRICT_CLIENT, STRICT_REDIRECT)
            .queryParam("code_challenge", Pkce.CHALLENGE).queryParam("code_challenge_method", "S256").encode().build().toUriString();
        URI callback = new Browser(ServerPort.PORT).signIn(request, "819990000010");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", STRICT_REDIRECT, "code_verifier", Pkce.VERIFIER), STRICT_CLIENT, "strict-app-secret")
            .expectStatus().isOk();
    }

    @Test
    @Tag("RFC7636-4.2")
    @DisplayName("code_challenge_method=plain (or none given, which means plain) is refused")
    void authorizeWhenPlainChallengeThenInvalidRequest() {
        for (String method : new String[] {"plain", null}) {
            var request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
                .queryParam("code_challenge", Pkce.VERIFIER);
            if (method != null) {
                request.queryParam("code_challenge_method", method);
            }
            URI answer = new Browser(ServerPort.PORT).redirectFrom(request.encode().build().toUriString());
            assertThat(Browser.query(answer)).as(String.valueOf(method)).containsEntry("error", "invalid_request")
                .hasEntrySatisfying("error_description", description -> assertThat(description).contains("code_challenge_method"));
        }
    }

    @Test
    @Tag("RFC9700-4.8.2")
    @DisplayName("downgrade: a code issued with a challenge is refused without its verifier, even to a confidential client")
    void tokenWhenCodeIssuedWithChallengeAndNoVerifierThenInvalidGrant() {
        URI callback = new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000010");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", RelyingParty.DEMO_REDIRECT), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @Tag("RFC9700-4.8.2")
    @DisplayName("downgrade the other way: a verifier for a code issued without a challenge is refused")
    void tokenWhenVerifierSentForCodeWithoutChallengeThenInvalidGrant() {
        String request = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_REDIRECT)
            .encode().build().toUriString();
        URI callback = new Browser(ServerPort.PORT).signIn(request, "819990000010");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", Browser.query(callback).get("code"),
                "redirect_uri", RelyingParty.DEMO_REDIRECT, "code_verifier", Pkce.VERIFIER), RelyingParty.DEMO_CLIENT,
                RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }
}
