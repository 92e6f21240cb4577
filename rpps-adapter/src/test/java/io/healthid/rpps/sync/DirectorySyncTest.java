package io.healthid.rpps.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.healthid.rpps.cache.CacheSettings;
import io.healthid.rpps.cache.CachedPractitionerLookup;
import io.healthid.rpps.fhir.AnnuaireSanteClient;
import io.healthid.rpps.fhir.AnnuaireSanteException;
import io.healthid.rpps.fhir.AnnuaireSanteSettings;
import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportProgress;
import io.healthid.rpps.importer.ImportSource;
import io.healthid.rpps.model.Activity;
import io.healthid.rpps.model.Exercice;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import io.healthid.rpps.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delta sync end to end: WireMock plays the Annuaire Santé, a real PostgreSQL (and Redis) the directory. */
class DirectorySyncTest {

    static final String KEY = "test-api-key";
    static final LocalDate SINCE = LocalDate.of(2024, 1, 1);
    static final Clock TODAY = Clock.fixed(ZonedDateTime.of(2024, 1, 20, 3, 0, 0, 0, DirectorySync.DIRECTORY_ZONE)
            .toInstant(), DirectorySync.DIRECTORY_ZONE);
    static final String UPDATED = "810003461033";
    static final String ADDED = "810100375103";
    static final String INACTIVE = "810000000025";
    static final String UNMAPPABLE = "810000000033";
    static final RedisClient REDIS = RedisClient.create();

    static WireMockServer wiremock;

    TestPostgres.Database db;
    ImportSource yesterdaysFile;
    PostgresPractitionerLookup lookup;

    @BeforeAll
    static void start() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wiremock.start();
    }

    @AfterAll
    static void stop() {
        wiremock.stop();
        REDIS.shutdown();
    }

    @BeforeEach
    void directoryWithTheIgPractitionerAsACabinetDoctor() {
        wiremock.resetAll();
        db = TestPostgres.freshDatabase("sync");
        // the public test file plus 810003461033 (the IG example) practising only in Dr Durand's cabinet
        String file = new String(Resources.bytes("rpps/public_56_scattered.txt"), StandardCharsets.UTF_8);
        String firstRow = file.lines().skip(1).findFirst().orElseThrow();
        String saucier = firstRow.replace("10000000017", "10003461033").replace("DURAND|Claire", "SAUCIER|Arthur");
        yesterdaysFile = Resources.source("yesterday.txt", (file + saucier + "\n").getBytes(StandardCharsets.UTF_8));
        new DirectoryImporter(db.dataSource()).importFiles(List.of(yesterdaysFile));
        lookup = new PostgresPractitionerLookup(db.connectionFactory());
    }

    @Test
    void syncWhenPractitionersChangedThenUpdatedAddedRemovedAndUnmappableSkipped() {
        stubDelta();

        SyncResult result = sync().sync(SINCE);

        assertThat(result.listed()).isEqualTo(4);
        assertThat(result.updated()).isEqualTo(1);
        assertThat(result.added()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(1);
        assertThat(result.skipped()).singleElement().satisfies(s -> {
            assertThat(s.idNat()).isEqualTo(UNMAPPABLE);
            assertThat(s.reason()).contains("profession");
        });
        assertThat(result.changed()).isTrue();
        assertThat(result.fetchedOn()).isEqualTo(LocalDate.of(2024, 1, 20));
        Practitioner saucier = lookup.findByNationalId(UPDATED).block();
        assertThat(saucier.exercices()).extracting(Exercice::key).containsExactly("10C", "21C");
        assertThat(saucier.exercices().get(0).activities()).extracting(Activity::companyName)
                .doesNotContain("CABINET DU DR DURAND").contains("CH EURE-SEINE");
        assertThat(lookup.findByNationalId(ADDED).block().exercices()).extracting(Exercice::key)
                .containsExactly("60C");
        assertThat(lookup.findByNationalId(INACTIVE).block()).isNull();
        assertThat(lookup.findByNationalId(UNMAPPABLE).block().exercices()).as("left as the file says")
                .extracting(Exercice::key).containsExactly("70C");
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).contains(LocalDate.of(2024, 1, 20));
    }

    @Test
    void syncWhenTheCacheHoldsTheOldPractitionerThenTheCachedLookupServesTheNewOne() {
        stubDelta();
        CachedPractitionerLookup cached = new CachedPractitionerLookup(lookup, REDIS, TestRedis.uri(),
                CacheSettings.builder().keyPrefix("test:" + UUID.randomUUID() + ":")
                        .generationRefresh(Duration.ZERO).build());
        Practitioner before = cached.findByNationalId(UPDATED).block();
        // held in this node's memory and in Redis: the delta must make both unreachable
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            cached.findByNationalId(UPDATED).block();
            return cached.memoryHits() > 0;
        });

        sync().sync(SINCE);
        Practitioner after = cached.findByNationalId(UPDATED).block();

        assertThat(before.exercices()).extracting(Exercice::key).containsExactly("10C");
        assertThat(after.exercices()).extracting(Exercice::key).containsExactly("10C", "21C");
        assertThat(cached.findByNationalId(INACTIVE).block()).isNull();
    }

    @Test
    void syncWhenTheApiFailsMidwayThenNothingWrittenAndClearException() {
        stubDelta();
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).withQueryParam("identifier", equalTo(ADDED))
                .willReturn(aResponse().withStatus(503)));
        long generation = generation();

        assertThatThrownBy(() -> sync().sync(SINCE))
                .isInstanceOfSatisfying(DirectorySyncException.class, e -> {
                    assertThat(e.reason()).isEqualTo(DirectorySyncException.Reason.API_FAILED);
                    assertThat(e.getCause()).isInstanceOf(AnnuaireSanteException.class);
                })
                .hasMessageContaining("nothing written").hasMessageContaining("503");

        assertThat(generation()).isEqualTo(generation);
        assertThat(lookup.findByNationalId(INACTIVE).block()).isNotNull();
        assertThat(lookup.findByNationalId(UPDATED).block().exercices()).hasSize(1);
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).isEmpty();
    }

    @Test
    void syncWhenTheApiIsUnreachableThenApiFailedAndNothingWritten() {
        AnnuaireSanteClient down = new AnnuaireSanteClient(AnnuaireSanteSettings.builder(KEY)
                .baseUrl("http://127.0.0.1:" + TestRedis.freePort() + "/fhir/v2").maxRetries(0)
                .timeout(Duration.ofSeconds(2)).build());
        long generation = generation();

        assertThatThrownBy(() -> new DirectorySync(down, new DirectoryDeltaWriter(db.dataSource()),
                new SyncCheckpoint(db.dataSource()), TODAY).sync(SINCE))
                .isInstanceOfSatisfying(DirectorySyncException.class, e -> assertThat(e.reason())
                        .isEqualTo(DirectorySyncException.Reason.API_FAILED));
        assertThat(generation()).isEqualTo(generation);
    }

    @Test
    void syncWhenSinceIsMoreThan30DaysAgoThenRefusedWithoutCallingTheApi() {
        assertThatThrownBy(() -> sync().sync(LocalDate.of(2023, 12, 20)))
                .isInstanceOfSatisfying(DirectorySyncException.class, e -> assertThat(e.reason())
                        .isEqualTo(DirectorySyncException.Reason.SINCE_TOO_OLD))
                .hasMessageContaining("31 days ago").hasMessageContaining("30 days")
                .hasMessageContaining("full import");
        assertThat(wiremock.getAllServeEvents()).isEmpty();
    }

    @Test
    void syncWhenSinceIsExactly30DaysAgoThenAccepted() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner"))
                .withQueryParam("_lastUpdated", equalTo("ge2023-12-21")).willReturn(fhir(body("empty-bundle.json"))));

        assertThat(sync().sync(LocalDate.of(2023, 12, 21)).changed()).isFalse();
    }

    @Test
    void syncWithoutSinceThenStartsWhereTheLastSyncStoppedOrAsksForADateTheFirstTime() {
        assertThatThrownBy(() -> sync().sync())
                .isInstanceOfSatisfying(DirectorySyncException.class, e -> assertThat(e.reason())
                        .isEqualTo(DirectorySyncException.Reason.NEVER_SYNCED));
        stubDelta();
        sync().sync(SINCE);
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner"))
                .withQueryParam("_lastUpdated", equalTo("ge2024-01-20")).willReturn(fhir(body("empty-bundle.json"))));
        long generation = generation();

        SyncResult next = sync().sync();

        assertThat(next.since()).isEqualTo(LocalDate.of(2024, 1, 20));
        assertThat(next.changed()).isFalse();
        assertThat(generation()).as("nothing changed: the cache stays warm").isEqualTo(generation);
        wiremock.verify(1, getRequestedFor(urlPathEqualTo("/fhir/v2/Practitioner"))
                .withQueryParam("_lastUpdated", equalTo("ge2024-01-20")));
    }

    @Test
    void syncDuringAFullImportThenRefusedAsBusyAndTheImportCompletes() {
        stubDelta();
        List<Throwable> refusals = new ArrayList<>();
        String changed = new String(Resources.bytes("rpps/public_56_scattered.txt"), StandardCharsets.UTF_8)
                .replace("CABINET DU DR DURAND", "CABINET DURAND ET ASSOCIES");

        boolean imported = new DirectoryImporter(db.dataSource()).importFiles(
                List.of(Resources.source("today.txt", changed.getBytes(StandardCharsets.UTF_8))), progress -> {
                    if (progress.phase() == ImportProgress.Phase.GROUPING) {
                        try {
                            sync().sync(SINCE);
                        } catch (DirectorySyncException e) {
                            refusals.add(e);
                        }
                    }
                }).changed();

        assertThat(imported).isTrue();
        assertThat(refusals).singleElement().satisfies(e -> assertThat(((DirectorySyncException) e).reason())
                .isEqualTo(DirectorySyncException.Reason.DIRECTORY_BUSY));
        assertThat(lookup.findByNationalId(UPDATED).block()).as("the import's directory, no delta in it").isNull();
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).isEmpty();
    }

    @Test
    void fullImportAfterASyncThenReplacesEverythingEvenWithTheFileImportedBefore() {
        stubDelta();
        sync().sync(SINCE);

        boolean changed = new DirectoryImporter(db.dataSource()).importFiles(List.of(yesterdaysFile)).changed();

        assertThat(changed).isTrue();
        assertThat(lookup.findByNationalId(ADDED).block()).isNull();
        assertThat(lookup.findByNationalId(INACTIVE).block()).isNotNull();
        assertThat(lookup.findByNationalId(UPDATED).block().exercices()).extracting(Exercice::key)
                .containsExactly("10C");
        assertThat(new SyncCheckpoint(db.dataSource()).lastSyncOn()).as("the next sync still starts there")
                .contains(LocalDate.of(2024, 1, 20));
    }

    DirectorySync sync() {
        AnnuaireSanteClient client = new AnnuaireSanteClient(AnnuaireSanteSettings.builder(KEY).baseUrl(base())
                .timeout(Duration.ofSeconds(5)).maxRetries(1).initialBackoff(Duration.ofMillis(10))
                .callsPerSecond(100).build());
        return new DirectorySync(client, new DirectoryDeltaWriter(db.dataSource()),
                new SyncCheckpoint(db.dataSource()), TODAY);
    }

    static void stubDelta() {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).withHeader("ESANTE-API-KEY", equalTo(KEY))
                .withQueryParam("_lastUpdated", equalTo("ge" + SINCE)).willReturn(fhir(body("sync/delta-listing.json"))));
        stubPerson(UPDATED, "practitioner-by-identifier.json");
        stubPerson(ADDED, "sync/practitioner-810100375103.json");
        stubPerson(INACTIVE, "sync/practitioner-810000000025-inactive.json");
        stubPerson(UNMAPPABLE, "sync/practitioner-810000000033-no-profession.json");
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withQueryParam("practitioner", equalTo("334081DP,334082DP")).withQueryParam("_page", absent())
                .willReturn(fhir(body("practitionerrole-page1.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole")).withQueryParam("_page", equalTo("2"))
                .willReturn(fhir(body("practitionerrole-page2.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withQueryParam("practitioner", equalTo("999001DP")).willReturn(fhir(body("empty-bundle.json"))));
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/PractitionerRole"))
                .withQueryParam("practitioner", equalTo("888001DP")).willReturn(fhir(body("empty-bundle.json"))));
    }

    static void stubPerson(String idNat, String resource) {
        wiremock.stubFor(get(urlPathEqualTo("/fhir/v2/Practitioner")).withQueryParam("identifier", equalTo(idNat))
                .withQueryParam("_revinclude", equalTo("PractitionerRole:practitioner"))
                .willReturn(fhir(body(resource))));
    }

    static String base() {
        return wiremock.baseUrl() + "/fhir/v2";
    }

    static String body(String resource) {
        return new String(Resources.bytes("fhir/" + resource), StandardCharsets.UTF_8).replace("${BASE}", base());
    }

    static ResponseDefinitionBuilder fhir(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/fhir+json").withBody(json);
    }

    long generation() {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT generation FROM directory.directory_state")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
