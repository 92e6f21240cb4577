package io.healthid.idp.protocol.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedOrganisationCertificate;
import io.healthid.idp.pki.OrganisationRequest;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.json.JsonMapper;

/** A tls_client_auth client runs the code flow with PKCE, and its certificate-bound token works at userinfo. */
@IdpIntegrationTest
class MutualTlsCodeFlowTest {

    private static final String CARD_REALM = "https://localhost:" + ServerPort.CARD_PORT + RelyingParty.REALM;
    private static final String REDIRECT = "https://mtls-code-app.test/cb";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private EmbeddedPki pki;

    @Test
    @Tag("RFC8705-2")
    @Tag("RFC8705-3")
    void codeFlowWhenTlsClientAuthWithPkceThenTokenBoundAndUserinfoNeedsTheCertificate() {
        IssuedOrganisationCertificate certificate = this.pki.current()
            .issueOrganisation(new OrganisationRequest("mtls-code-app.test", "R102672", "CLINIQUE DE TEST"));
        String authorization = RelyingParty.authorizationRequest("mtls-code-app", REDIRECT)
            .queryParam("code_challenge", RelyingParty.Pkce.CHALLENGE).queryParam("code_challenge_method", "S256")
            .encode().build().toUriString();
        String code = Browser.query(new Browser(ServerPort.PORT).signIn(authorization, "819990000010")).get("code");

        CardReader.Response tokens = CardReader.with(certificate).post(CARD_REALM + "/protocol/openid-connect/token",
                "grant_type=authorization_code&client_id=mtls-code-app&code=" + code + "&redirect_uri=" + REDIRECT
                        + "&code_verifier=" + RelyingParty.Pkce.VERIFIER);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String accessToken = (String) JSON.readValue(tokens.body(), Map.class).get("access_token");

        CardReader.Response userinfo = CardReader.with(certificate).get(CARD_REALM + "/protocol/openid-connect/userinfo",
                Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken));
        assertThat(userinfo.status()).as(userinfo.body()).isEqualTo(200);
        assertThat(userinfo.body()).contains("819990000010");

        this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken).exchange()
            .expectStatus().isUnauthorized();
    }
}
