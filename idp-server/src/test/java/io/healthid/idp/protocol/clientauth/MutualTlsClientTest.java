package io.healthid.idp.protocol.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedOrganisationCertificate;
import io.healthid.idp.pki.OrganisationRequest;
import io.healthid.idp.pki.TestPki;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.idp.x509.CertificateThumbprint;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Relying parties that authenticate with an organisation certificate, and the tokens bound to it. */
@IdpIntegrationTest
@Tag("RFC8705")
class MutualTlsClientTest {

    private static final String TOKEN = "https://localhost:" + ServerPort.CARD_PORT + RelyingParty.REALM
            + "/protocol/openid-connect/token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private EmbeddedPki pki;

    @Test
    @Tag("RFC8705-2.1")
    @SuppressWarnings("unchecked")
    void clientCredentialsWhenOrganisationCertificateMatchesThenTokenBoundToIt() throws Exception {
        IssuedOrganisationCertificate certificate = this.pki.current()
            .issueOrganisation(new OrganisationRequest("mtls-app.test", "R102671", "CLINIQUE DE TEST"));

        CardReader.Response response = CardReader.with(certificate).post(TOKEN, "grant_type=client_credentials&client_id=mtls-app");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String accessToken = (String) JSON.readValue(response.body(), Map.class).get("access_token");

        String thumbprint = CertificateThumbprint.sha256(certificate.certificate());
        Map<String, Object> confirmation = (Map<String, Object>) this.rp.verify(accessToken).getClaim("cnf");
        assertThat(confirmation).containsEntry("x5t#S256", thumbprint);

        byte[] introspection = this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/token/introspect")
            .headers(h -> h.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=" + accessToken)
            .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        Map<String, Object> claims = JSON.readValue(introspection, Map.class);
        assertThat(claims).containsEntry("active", true).containsEntry("client_id", "mtls-app");
        assertThat((Map<String, Object>) claims.get("cnf")).containsEntry("x5t#S256", thumbprint);
    }

    @Test
    @Tag("RFC8705-2.1.2")
    void clientCredentialsWhenSubjectIsAnotherOrganisationsThenInvalidClient() {
        IssuedOrganisationCertificate other = this.pki.current()
            .issueOrganisation(new OrganisationRequest("someone-else.test", "R999999", "AUTRE CLINIQUE"));
        CardReader.Response response = CardReader.with(other).post(TOKEN, "grant_type=client_credentials&client_id=mtls-app");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void clientCredentialsWhenSameSubjectFromAnotherPkiThenInvalidClient() {
        IssuedOrganisationCertificate forged = TestPki.builder().environment("ROGUE").build()
            .issueOrganisation(new OrganisationRequest("mtls-app.test", "R102671", "CLINIQUE DE TEST"));
        CardReader.Response response = CardReader.with(forged).post(TOKEN, "grant_type=client_credentials&client_id=mtls-app");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_client").contains("client certificate refused: UNTRUSTED_ISSUER");
    }

    @Test
    @Tag("RFC8705-5")
    void discoveryWhenCardListenerOnThenAdvertisesMutualTlsAliasesAndBoundTokens() {
        this.rp.http().get().uri(RelyingParty.REALM + "/.well-known/openid-configuration").exchange()
            .expectBody()
            .jsonPath("$.tls_client_certificate_bound_access_tokens").isEqualTo(true)
            .jsonPath("$.mtls_endpoint_aliases.token_endpoint").isEqualTo(TOKEN)
            // a bound token works only where the certificate is presented: userinfo has its alias too
            .jsonPath("$.mtls_endpoint_aliases.userinfo_endpoint")
            .isEqualTo(TOKEN.replace("/protocol/openid-connect/token", "/protocol/openid-connect/userinfo"))
            .jsonPath("$.token_endpoint_auth_methods_supported[?(@ == 'tls_client_auth')]").exists();
    }
}
