package io.healthid.idp.testcards;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.authn.card.CardCertificateValidator;
import io.healthid.idp.authn.card.CardValidationResult;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.idp.testsupport.TestConnections;
import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Test cards from the embedded test PKI, which the server trusts in these tests. */
@IdpIntegrationTest
class TestCardEndpointTest {

    private final WebTestClient http = WebTestClient.bindToServer(TestConnections.connector()).baseUrl("http://localhost:" + ServerPort.PORT)
        .responseTimeout(Duration.ofSeconds(30)).build();

    @Autowired
    @Qualifier("cardCertificateValidator")
    private CardCertificateValidator validator;

    @Test
    @SuppressWarnings("unchecked")
    void cardWhenPersonInDirectoryThenPkcs12WithTheIndexPasswordLogsInAsThatPerson() throws Exception {
        Map<String, String> index = this.http.get().uri("/pki/test-cards").exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        byte[] pkcs12 = this.http.get().uri("/pki/test-cards/819990000036.p12").exchange()
            .expectStatus().isOk()
            .expectHeader().contentType("application/x-pkcs12")
            .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"?carte-819990000036.p12\"?")
            .expectBody().returnResult().getResponseBody();

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new ByteArrayInputStream(pkcs12), index.get("password").toCharArray());
        String alias = store.aliases().nextElement();
        List<X509Certificate> chain = Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
        assertThat(store.getKey(alias, index.get("password").toCharArray())).isNotNull();
        assertThat(chain.get(0).getSubjectX500Principal().getName()).contains("CN=819990000036");

        CardValidationResult result = this.validator.validate(chain);
        assertThat(result).isInstanceOfSatisfying(CardValidationResult.Accepted.class,
                accepted -> assertThat(accepted.holder().nationalId()).isEqualTo("819990000036"));

        byte[] root = this.http.get().uri("/pki/test-cards/root.pem").exchange().expectStatus().isOk()
            .expectBody().returnResult().getResponseBody();
        Certificate anchor = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(root));
        assertThat(chain.get(chain.size() - 1)).isEqualTo(anchor);
    }

    @Test
    void cardWhenPersonUnknownOrIdentifierMalformedThenClientErrorWithoutCard() {
        this.http.get().uri("/pki/test-cards/819999999998.p12").exchange().expectStatus().isNotFound()
            .expectBody().jsonPath("$.reason").isEqualTo("DIRECTORY_NOT_FOUND");
        this.http.get().uri("/pki/test-cards/not-an-id.p12").exchange().expectStatus().isBadRequest();
    }
}
