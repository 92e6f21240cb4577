package io.healthid.idp.protocol;

import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A token request that is refused uses nothing: the code or refresh token stays good for the correct request, and
 * another client presenting it neither burns it nor revokes its owner's tokens. Only a success uses it, once.
 */
@IdpIntegrationTest
class RefusedGrantTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    private String code() {
        return Browser.query(new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000010"))
            .get("code");
    }

    @Test
    @Tag("RFC6749-4.1.3")
    void tokenWhenRedirectUriWrongThenRefusedAndCodeStillRedeemableOnce() {
        String code = code();
        this.rp.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", "http://localhost:8081/other",
                "code_verifier", RelyingParty.Pkce.VERIFIER), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        Map<String, String> correct = Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", RelyingParty.DEMO_REDIRECT, "code_verifier", RelyingParty.Pkce.VERIFIER);
        this.rp.token(correct, RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET).expectStatus().isOk();
        this.rp.token(correct, RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
    }

    @Test
    @Tag("RFC6749-6")
    void refreshWhenScopeWidenedThenInvalidScopeAndTokenStillUsable() {
        String refreshToken = (String) this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010")).get("refresh_token");
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "scope", "openid admin"),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_scope");
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody().jsonPath("$.refresh_token").isNotEmpty();
    }

    @Test
    @Tag("RFC6749-10.4")
    void refreshWhenAnotherClientPresentsItThenInvalidGrantAndOwnerKeepsIt() {
        String refreshToken = (String) this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), "819990000010")).get("refresh_token");
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken,
                "client_id", "es256-app", "client_secret", "es256-app-secret"), null, null)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk();
    }

    @Test
    @Tag("RFC6749-4.1.2")
    void tokenWhenCodePresentedByAnotherClientThenRefusedAndCodeStillRedeemable() {
        String code = code();
        this.rp.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", RelyingParty.DEMO_REDIRECT,
                "code_verifier", RelyingParty.Pkce.VERIFIER, "client_id", "es256-app", "client_secret", "es256-app-secret"),
                null, null)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        this.rp.token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", RelyingParty.DEMO_REDIRECT,
                "code_verifier", RelyingParty.Pkce.VERIFIER), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk();
    }
}
