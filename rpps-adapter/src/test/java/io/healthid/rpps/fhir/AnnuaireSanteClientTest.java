package io.healthid.rpps.fhir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Code;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.testsupport.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class AnnuaireSanteClientTest {

    static final String KEY = "test-api-key";
    static final String IDNAT = "810003461033";
    static WireMockServer wiremock;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
    }

    @BeforeEach
    void reset() {
        wiremock.resetAll();
    }

    static String base() {
        return wiremock.baseUrl() + "/fhir/v2";
    }

    static String body(String resource) {
        return new String(Resources.bytes("fhir/" + resource), StandardCharsets.UTF_8).replace("${BASE}", base());
    }

    static AnnuaireSanteClient client(Duration timeout, int retries) {
        return new AnnuaireSanteClient(AnnuaireSanteSettings.builder(KEY).baseUrl(base()).timeout(timeout)
                .maxRetries(retries).initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofSeconds(2))
                .callsPerSecond(100).build());
    }

    static void stubPerson() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner"))
                .withHeader("ESANTE-API-KEY", equalTo(KEY))
                .withQueryParam("identifier", equalTo(IDNAT))
                .withQueryParam("_revinclude", equalTo("PractitionerRole:practitioner"))
                .willReturn(fhir(body("practitioner-by-identifier.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withHeader("ESANTE-API-KEY", equalTo(KEY))
                .withQueryParam("practitioner", equalTo("334081DP,334082DP"))
                .withQueryParam("_include", equalTo("PractitionerRole:organization"))
                .withQueryParam("_page", absent())
                .willReturn(fhir(body("practitionerrole-page1.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withHeader("ESANTE-API-KEY", equalTo(KEY))
                .withQueryParam("_page", equalTo("2"))
                .willReturn(fhir(body("practitionerrole-page2.json"))));
    }

    static ResponseDefinitionBuilder fhir(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(json);
    }

    @Test
    void findByNationalIdWhenOnePractitionerPerProfessionThenOnePersonWithAllExercicesRolesAndSites() {
        stubPerson();

        Practitioner p = client(Duration.ofSeconds(5), 0).findByNationalId(IDNAT).block();

        assertThat(p.idNat()).isEqualTo(IDNAT);
        assertThat(p.civility().code()).isEqualTo("M");
        assertThat(p.exercices()).extracting(Exercice::key).containsExactly("10C", "21C");
        Exercice doctor = p.exercices().get(0);
        assertThat(doctor.practiceFamilyName()).isEqualTo("Saucier");
        assertThat(doctor.practiceGivenName()).isEqualTo("Arthur");
        // the inactive role (a deletion) is left out
        assertThat(doctor.activities()).extracting(a -> a.mode().code()).containsExactly("L", "S");
        assertThat(doctor.activities().get(0).structureTechnicalId()).isEqualTo("R10003461033001");
        Activity hospital = doctor.activities().get(1);
        assertThat(hospital.companyName()).isEqualTo("CH EURE-SEINE");
        assertThat(hospital.sector().code()).isEqualTo("SA01");
        assertThat(hospital.role().code()).isEqualTo("FON-AU");
        assertThat(hospital.genre().code()).isEqualTo("GENR01");
        assertThat(hospital.finessSite()).isEqualTo("754567860");
        assertThat(hospital.structureTechnicalId()).isEqualTo("F754567860");
        assertThat(hospital.formerStructureId()).isEqualTo("1754567860");
        assertThat(hospital.address().streetNumber()).isEqualTo("96");
        assertThat(hospital.address().streetType().code()).isEqualTo("R");
        assertThat(hospital.address().streetName()).isEqualTo("DIDOT");
        assertThat(hospital.address().postalCode()).isEqualTo("75014");
        assertThat(hospital.address().commune()).isEqualTo(Code.of("75114", "PARIS"));
        assertThat(hospital.phone()).isEqualTo("0450636363");
        assertThat(hospital.fax()).isEqualTo("0450455933");
        assertThat(p.exercices().get(1).activities()).extracting(a -> a.role().code()).containsExactly("FON-84");
        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withQueryParam("_page", equalTo("2")).withHeader("ESANTE-API-KEY", equalTo(KEY)));
    }

    @Test
    void findByNationalIdWhenNoPractitionerThenEmpty() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).willReturn(fhir(body("empty-bundle.json"))));

        StepVerifier.create(client(Duration.ofSeconds(5), 0).findByNationalId("810100375103")).verifyComplete();
        wiremock.verify(0, getRequestedFor(urlPathEqualTo("/fhir/v2/PractitionerRole")));
    }

    @Test
    void getWhen429WithRetryAfterThenWaitsThatLongAndRetries() {
        stubPerson();
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("free")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).inScenario("busy")
                .whenScenarioStateIs("free").willReturn(fhir(body("practitioner-by-identifier.json"))));
        long start = System.nanoTime();

        Practitioner p = client(Duration.ofSeconds(5), 3).findByNationalId(IDNAT).block();

        assertThat(p).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        wiremock.verify(2, getRequestedFor(urlPathEqualTo("/fhir/v2/Practitioner")));
    }

    @Test
    void getWhenServerErrorPersistsThenRetriesThenFailsWithServerError() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).willReturn(aResponse().withStatus(503)));

        StepVerifier.create(client(Duration.ofSeconds(5), 2).findByNationalId(IDNAT))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(DirectoryUnavailableException.class);
                    assertThat(e.getCause()).isInstanceOfSatisfying(AnnuaireSanteException.class, cause -> {
                        assertThat(cause.kind()).isEqualTo(AnnuaireSanteException.Kind.SERVER_ERROR);
                        assertThat(cause.status()).isEqualTo(503);
                        // the text goes to the logs: where it failed, not whom it looked up (no query string)
                        assertThat(cause.getMessage()).contains("GET /fhir/v2/Practitioner").doesNotContain(IDNAT)
                            .doesNotContain("?");
                    });
                })
                .verify(Duration.ofSeconds(10));
        wiremock.verify(3, getRequestedFor(urlPathEqualTo("/fhir/v2/Practitioner")));
    }

    @Test
    void searchWhenOperationOutcomeThenClearExceptionWithIssuesAndNoRetry() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/fhir+json").withBody(body("operation-outcome-400.json"))));

        StepVerifier.create(client(Duration.ofSeconds(5), 3).search("Practitioner", Map.of("identifer", IDNAT)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(AnnuaireSanteException.class);
                    AnnuaireSanteException a = (AnnuaireSanteException) e;
                    assertThat(a.kind()).isEqualTo(AnnuaireSanteException.Kind.BAD_REQUEST);
                    assertThat(a.issues()).singleElement().satisfies(issue -> {
                        assertThat(issue.severity()).isEqualTo("error");
                        assertThat(issue.code()).isEqualTo("invalid");
                        assertThat(issue.diagnostics()).contains("identifer");
                    });
                    assertThat(a.getMessage()).contains("Unknown search parameter");
                })
                .verify(Duration.ofSeconds(5));
        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/fhir/v2/Practitioner")));
    }

    @Test
    void searchWhenApiKeyRefusedThenUnauthorized() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).willReturn(aResponse().withStatus(401)));

        StepVerifier.create(client(Duration.ofSeconds(5), 3).search("Practitioner", Map.of("identifier", IDNAT)))
                .expectErrorSatisfies(e -> assertThat(((AnnuaireSanteException) e).kind())
                        .isEqualTo(AnnuaireSanteException.Kind.UNAUTHORIZED))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void searchWhenServerTooSlowThenTimeoutWithoutWaitingForIt() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner"))
                .willReturn(fhir(body("empty-bundle.json")).withFixedDelay(3000)));
        long start = System.nanoTime();

        StepVerifier.create(client(Duration.ofMillis(300), 3).search("Practitioner", Map.of("identifier", IDNAT)))
                .expectErrorSatisfies(e -> assertThat(((AnnuaireSanteException) e).kind())
                        .isEqualTo(AnnuaireSanteException.Kind.TIMEOUT))
                .verify(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void nationalIdsUpdatedSinceWhenSeveralPagesThenEveryIdOnce() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner"))
                .withQueryParam("_lastUpdated", equalTo("ge2024-01-01")).withQueryParam("_page", absent())
                .willReturn(fhir(body("practitioner-delta-page1.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).withQueryParam("_page", equalTo("2"))
                .willReturn(fhir(body("practitioner-delta-page2.json"))));

        StepVerifier.create(client(Duration.ofSeconds(5), 0).nationalIdsUpdatedSince(LocalDate.of(2024, 1, 1)))
                .expectNext(IDNAT, "810100375103")
                .verifyComplete();
        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/fhir/v2/Practitioner")).withQueryParam("_page",
                equalTo("2")));
    }
}
