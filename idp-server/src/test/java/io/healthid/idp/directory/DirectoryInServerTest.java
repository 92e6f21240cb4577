package io.healthid.idp.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.embedded.EmbeddedPostgresServer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.OwnedStores;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/** The directory behind login and userinfo, on the sample directory the embedded server loads on first start. */
@IdpIntegrationTest
class DirectoryInServerTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Value("${idp.embedded.postgres:false}")
    private boolean embeddedPostgres;

    @Test
    @SuppressWarnings("unchecked")
    void userinfoWhenPractitionerHasTwoProfessionsThenSubjectRefProListsBothWithEveryKey() throws Exception {
        Map<String, Object> tokens = this.rp.redeem(new Browser(ServerPort.PORT)
            .signIn(RelyingParty.demoAuthorizationRequest(), SampleDirectory.TWO_PROFESSIONS));
        Map<String, Object> userinfo = this.rp.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();

        assertThat(userinfo).containsEntry("SubjectNameID", SampleDirectory.TWO_PROFESSIONS).containsEntry("authMode", "TEST")
            .containsKeys("given_name", "family_name", "SubjectOrganization", "SubjectOrganizationID", "Secteur_Activite",
                    "PSI_Locale", "Palier_Authentification", "UITVersion", "otherIds");
        assertThat((String) userinfo.get("sub")).endsWith(":" + SampleDirectory.TWO_PROFESSIONS);
        var idToken = this.rp.verify((String) tokens.get("id_token"));
        assertThat(idToken.getClaim("given_name")).isEqualTo(userinfo.get("given_name")).isNotNull();
        assertThat(idToken.getClaim("family_name")).isEqualTo(userinfo.get("family_name")).isNotNull();
        assertThat(idToken.getClaims()).doesNotContainKey("SubjectRefPro");
        List<String> roles = (List<String>) userinfo.get("SubjectRole");
        assertThat(roles).hasSize(2).allSatisfy(role -> assertThat(role).endsWith("^1.2.250.1.213.1.1.5.5"));
        List<Map<String, Object>> exercices = (List<Map<String, Object>>) ((Map<String, Object>) userinfo.get("SubjectRefPro")).get("exercices");
        assertThat(exercices).hasSize(2);
        assertThat(exercices).allSatisfy(exercice -> {
            assertThat(exercice).containsKeys("codeProfession", "codeCategorieProfessionnelle", "codeSavoirFaire", "activities");
            assertThat(exercice.values()).doesNotContainNull();
            ((List<Map<String, Object>>) exercice.get("activities")).forEach(activity -> assertThat(activity.values()).doesNotContainNull()
                .hasSizeGreaterThanOrEqualTo(30));
        });
    }

    @Test
    void metricsWhenDirectoryUsedThenCacheOutcomesCounted() {
        new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), SampleDirectory.SEVERAL_SITES);
        String metrics = ServerPort.management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(metrics).containsPattern("idp_directory_cache_total\\{[^}]*result=\"(hit|miss)\"[^}]*\\} [1-9]");
    }

    @Test
    void loginWhenNationalIdNotInDirectoryThenDirectoryNotFoundPage() {
        EntityExchangeResult<String> page = attempt("810000000003");
        assertThat(page.getStatus().value()).isEqualTo(401);
        assertThat(page.getResponseBody()).contains("DIRECTORY_NOT_FOUND").contains("annuaire");
    }

    @Test
    void loginWhenStudentOutsideEligibleGroupsThenNotEligiblePage() {
        EntityExchangeResult<String> page = attempt(SampleDirectory.STUDENT_NOT_ELIGIBLE);
        assertThat(page.getStatus().value()).isEqualTo(401);
        assertThat(page.getResponseBody()).contains("DIRECTORY_NOT_ELIGIBLE");
    }

    @Test
    void loginWhenInterneThenSignedIn() {
        URI callback = new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), SampleDirectory.INTERNE);
        assertThat(Browser.query(callback)).containsKey("code");
    }

    @Test
    void loginWhenDirectoryDatabaseDownThenDirectoryUnavailablePage() {
        OwnedStores.assumeEmbedded(this.embeddedPostgres, "PostgreSQL");
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        EmbeddedPostgresServer.stop();
        EntityExchangeResult<String> page;
        try {
            // an identifier no test looks up (valid Luhn, in no directory), so no cache can answer for the database
            page = browser.get("/test-login?tx=" + tx + "&idnat=810042424241");
        }
        finally {
            EmbeddedPostgresServer.restart();
        }
        assertThat(page.getStatus().value()).isEqualTo(503);
        assertThat(page.getResponseBody()).contains("DIRECTORY_UNAVAILABLE").contains("Réessayez");
    }

    private EntityExchangeResult<String> attempt(String nationalId) {
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        String tx = UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
        return browser.get("/test-login?tx=" + tx + "&idnat=" + nationalId);
    }
}
