package io.healthid.rpps.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.Resources;
import io.healthid.rpps.testsupport.TestPostgres;
import io.healthid.rpps.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class CachedPractitionerLookupTest {

    private static final RedisClient REDIS = RedisClient.create();
    private static final String PUBLIC_56 = "rpps/public_56_scattered.txt";

    private TestPostgres.Database db;
    private DirectoryImporter importer;
    private CachedPractitionerLookup cached;
    private String prefix;

    @BeforeEach
    void directory() {
        db = TestPostgres.freshDatabase("cache");
        importer = new DirectoryImporter(db.dataSource());
        importer.importFiles(List.of(Resources.source(PUBLIC_56)));
        prefix = "test:" + UUID.randomUUID() + ":";
        cached = new CachedPractitionerLookup(new PostgresPractitionerLookup(db.connectionFactory()), REDIS,
                TestRedis.uri(), settings(prefix));
    }

    @AfterAll
    static void closeClient() {
        REDIS.shutdown();
    }

    private static CacheSettings settings(String prefix) {
        // a prefix per test: tests share one Redis; no memory in front of it, so that Redis is what these tests read
        return CacheSettings.builder().keyPrefix(prefix).generationRefresh(Duration.ZERO).memoryEntries(0).build();
    }

    private CachedPractitionerLookup withMemory(int entries) {
        return new CachedPractitionerLookup(new PostgresPractitionerLookup(db.connectionFactory()), REDIS,
                TestRedis.uri(), CacheSettings.builder().keyPrefix(prefix).generationRefresh(Duration.ZERO)
                    .memoryEntries(entries).build());
    }

    @Test
    void findWhenLookedUpLatelyThenServedFromMemoryWithoutRedisOrTheTables() throws Exception {
        CachedPractitionerLookup remembering = withMemory(10);
        Practitioner first = remembering.findByNationalId("810000000017").block();
        execute("DELETE FROM directory.person WHERE id_nat = '810000000017'");

        Practitioner second = remembering.findByNationalId("810000000017").block();

        assertThat(second).isEqualTo(first);
        assertThat(remembering.memoryHits()).isEqualTo(1);
        assertThat(remembering.hits()).isZero();
    }

    @Test
    void findAfterAnImportThenMemoryOfThePreviousGenerationIsNotUsed() {
        CachedPractitionerLookup remembering = withMemory(10);
        remembering.findByNationalId("810000000017").block();
        String changed = new String(Resources.bytes(PUBLIC_56), StandardCharsets.UTF_8)
                .replace("CABINET DU DR DURAND", "CABINET DURAND ET ASSOCIES");

        importer.importFiles(List.of(Resources.source("next-day.txt", changed.getBytes(StandardCharsets.UTF_8))));
        Practitioner after = remembering.findByNationalId("810000000017").block();

        assertThat(after.exercices().get(0).activities().get(0).companyName()).isEqualTo("CABINET DURAND ET ASSOCIES");
        assertThat(remembering.memoryHits()).isZero();
    }

    @Test
    void findWhenMemoryIsFullThenItStartsOverAndRedisAnswers() {
        CachedPractitionerLookup remembering = withMemory(1);
        remembering.findByNationalId("810000000017").block();
        awaitWritten();
        remembering.findByNationalId("810000000025").block();

        remembering.findByNationalId("810000000017").block();

        assertThat(remembering.memoryHits()).isZero();
        assertThat(remembering.hits()).isEqualTo(1);
    }

    @Test
    void findWhenCachedThenServedFromRedisWithoutReadingTheTables() throws Exception {
        Practitioner first = cached.findByNationalId("810000000017").block();
        awaitWritten();
        execute("DELETE FROM directory.person WHERE id_nat = '810000000017'");

        Practitioner second = cached.findByNationalId("810000000017").block();

        assertThat(second).isEqualTo(first);
        assertThat(cached.hits()).isEqualTo(1);
        assertThat(cached.misses()).isEqualTo(1);
    }

    @Test
    void findAfterAnImportThenCacheOfThePreviousGenerationIsNotUsed() {
        Practitioner before = cached.findByNationalId("810000000017").block();
        awaitWritten();
        String changed = new String(Resources.bytes(PUBLIC_56), StandardCharsets.UTF_8)
                .replace("CABINET DU DR DURAND", "CABINET DURAND ET ASSOCIES");

        importer.importFiles(List.of(Resources.source("next-day.txt", changed.getBytes(StandardCharsets.UTF_8))));
        Practitioner after = cached.findByNationalId("810000000017").block();

        assertThat(before.exercices().get(0).activities().get(0).companyName()).isEqualTo("CABINET DU DR DURAND");
        assertThat(after.exercices().get(0).activities().get(0).companyName()).isEqualTo("CABINET DURAND ET ASSOCIES");
        assertThat(cached.misses()).isEqualTo(2);
    }

    @Test
    void findWhenNotInDirectoryThenEmpty() {
        StepVerifier.create(cached.findByNationalId("810000000058")).verifyComplete();
    }

    @Test
    void findWhenRedisDownThenAnswersFromPostgresAndCountsTheFailure() {
        CachedPractitionerLookup noRedis = new CachedPractitionerLookup(
                new PostgresPractitionerLookup(db.connectionFactory()), REDIS,
                RedisURI.create("redis://127.0.0.1:" + TestRedis.freePort()), settings("test:" + UUID.randomUUID() + ":"));

        StepVerifier.create(noRedis.findByNationalId("810000000017"))
                .assertNext(p -> assertThat(p.exercices()).hasSize(2))
                .verifyComplete();
        StepVerifier.create(noRedis.findByNationalId("810000000025"))
                .assertNext(p -> assertThat(p.exercices()).hasSize(1))
                .verifyComplete();
        assertThat(noRedis.redisFailures()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void findWhenPostgresDownAndNothingCachedThenDirectoryUnavailable() {
        CachedPractitionerLookup noDatabase = new CachedPractitionerLookup(new PostgresPractitionerLookup(
                TestPostgres.connectionFactory("localhost", TestRedis.freePort(), "x", "x", "x")), REDIS,
                TestRedis.uri(), settings("test:" + UUID.randomUUID() + ":"));

        StepVerifier.create(noDatabase.findByNationalId("810000000017"))
                .expectError(DirectoryUnavailableException.class)
                .verify(Duration.ofSeconds(10));
    }

    private void awaitWritten() {
        // the cache write is in the background; wait until a lookup is a hit
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (var c = REDIS.connect(TestRedis.uri())) {
                return !c.sync().keys(prefix + "g*:810000000017").isEmpty();
            }
        });
    }

    private void execute(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
