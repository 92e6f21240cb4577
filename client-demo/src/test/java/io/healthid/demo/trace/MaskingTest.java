package io.healthid.demo.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The trace page shows what was sent, never the secret, and no token a reader could reuse. */
class MaskingTest {

    @Test
    void headerWhenBasicCredentialsThenClientIdOnly() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("client-demo:client-demo-secret".getBytes(StandardCharsets.UTF_8));
        assertThat(Masking.header("Authorization", basic)).isEqualTo("Authorization: Basic base64(client-demo:••••••)")
            .doesNotContain("secret");
    }

    @Test
    void headerWhenBearerTokenThenPrefixAndLength() {
        assertThat(Masking.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.payload.signature"))
            .isEqualTo("Authorization: Bearer eyJhbGci… (38)");
    }

    @Test
    void formWhenCodeVerifierAndSecretThenMaskedOtherParametersKept() {
        String masked = Masking.form("grant_type=authorization_code&code=abcdefghijklmnop&redirect_uri=http%3A%2F%2Flocalhost%3A8081"
                + "&code_verifier=0123456789abcdef0123456789&client_secret=s3cr3t");
        assertThat(masked).contains("grant_type=authorization_code", "redirect_uri=http%3A%2F%2Flocalhost%3A8081",
                "code=abcdefgh… (16)", "code_verifier=01234567… (26)", "client_secret=…")
            .doesNotContain("s3cr3t", "ijklmnop");
    }

    @Test
    void jsonWhenTokenResponseThenTokensMasked() {
        String masked = Masking.json("{\"access_token\":\"eyJaccesstokenvalue\",\"expires_in\":120,"
                + "\"refresh_token\":\"refreshtokenvalue\",\"id_token\":\"eyJidtokenvalue\",\"token_type\":\"Bearer\"}");
        assertThat(masked).contains("\"expires_in\":120", "\"token_type\":\"Bearer\"", "\"access_token\":\"eyJacces… (19)\"")
            .doesNotContain("refreshtokenvalue", "eyJidtokenvalue");
    }

    @Test
    void urlWhenCallbackThenCodeAndStateMasked() {
        assertThat(Masking.url(URI.create("http://localhost:8081/login/oauth2/code/psc?code=abcdefghijklmnop&state=statevalue1&iss=http%3A%2F%2Fidp")))
            .isEqualTo("http://localhost:8081/login/oauth2/code/psc?code=abcdefgh… (16)&state=stateval… (11)&iss=http%3A%2F%2Fidp");
    }
}
