package io.healthid.rpps.bench;

import io.healthid.rpps.cache.CacheSettings;
import io.healthid.rpps.cache.CachedPractitionerLookup;
import io.healthid.rpps.importer.DirectoryImporter;
import io.healthid.rpps.importer.ImportProgress;
import io.healthid.rpps.importer.ImportResult;
import io.healthid.rpps.importer.ImportSettings;
import io.healthid.rpps.importer.ImportSource;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.healthid.rpps.testsupport.TestPostgres;
import io.healthid.rpps.testsupport.TestRedis;
import io.lettuce.core.RedisClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Imports a synthetic 56-column file into a real PostgreSQL and measures import throughput, peak heap, and lookup
 * latency from PostgreSQL (cache miss) and from Redis (cache hit). Usage:
 * {@code DirectoryBenchmark <rows> [work dir]}; run it with {@code -Xmx512m} (see bench/rpps/run.sh).
 */
public final class DirectoryBenchmark {

    private DirectoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
        Path file = dir.resolve("PS_LibreAcces_Personne_activite_synthetic_" + rows + ".txt");
        int persons;
        long t0 = System.nanoTime();
        if (!Files.exists(file)) {
            persons = SyntheticDirectoryGenerator.generate(file, rows, 42);
            System.out.printf("generated %s (%d rows, %d persons, %d MB) in %.1f s%n", file, rows, persons,
                    Files.size(file) >> 20, secondsSince(t0));
        } else {
            persons = countPersons(file);
            System.out.printf("reusing %s (%d MB)%n", file, Files.size(file) >> 20);
        }

        TestPostgres.Database db = TestPostgres.freshDatabase("bench");
        DirectoryImporter importer = new DirectoryImporter(db.dataSource(), ImportSettings.builder()
                .progressEveryRows(500_000).build());
        resetPeaks();
        long start = System.nanoTime();
        ImportResult result = importer.importFiles(List.of(ImportSource.of(file)), p -> {
            if (p.phase() != ImportProgress.Phase.LOADING || p.rowsRead() % 500_000 == 0) {
                System.out.printf("  %6.1f s %-9s %,d rows%n", secondsSince(start), p.phase(), p.rowsRead());
            }
        });
        double importSeconds = secondsSince(start);
        long peakHeap = peakHeapBytes();
        System.out.printf("IMPORT rows=%,d persons=%,d exercices=%,d activities=%,d rejected=%d time=%.1f s"
                        + " rate=%,.0f rows/s peakHeap=%d MB (max %d MB)%n",
                result.rowsRead(), result.persons(), result.exercices(), result.activities(),
                result.rejectedLineCount(), importSeconds, result.rowsRead() / importSeconds, peakHeap >> 20,
                Runtime.getRuntime().maxMemory() >> 20);

        PostgresPractitionerLookup database = new PostgresPractitionerLookup(db.connectionFactory());
        RedisClient redis = RedisClient.create();
        CachedPractitionerLookup cached = new CachedPractitionerLookup(database, redis, TestRedis.uri(),
                // no memory in front of Redis: this measures the Redis cache itself
                CacheSettings.builder().keyPrefix("bench:" + System.nanoTime() + ":").memoryEntries(0).build());
        int samples = 20_000;
        String[] ids = new String[samples];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < samples; i++) {
            ids[i] = SyntheticDirectoryGenerator.idNat(random.nextInt(persons));
        }
        measure("warm-up (PostgreSQL)", ids, 2_000, id -> database.findByNationalId(id).block());
        measure("lookup PostgreSQL (cache miss)", ids, samples, id -> database.findByNationalId(id).block());
        measure("fill cache (miss + Redis write)", ids, samples, id -> cached.findByNationalId(id).block());
        Thread.sleep(500);
        long hitsBefore = cached.hits();
        measure("lookup Redis (cache hit)", ids, samples, id -> cached.findByNationalId(id).block());
        System.out.printf("cache hits during the hit run: %d of %d, redis failures: %d%n",
                cached.hits() - hitsBefore, samples, cached.redisFailures());
        cached.close();
        redis.shutdown();
        System.exit(0);
    }

    private interface Call {
        Object run(String id);
    }

    private static void measure(String what, String[] ids, int n, Call call) {
        long[] nanos = new long[n];
        int found = 0;
        int failed = 0;
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            try {
                if (call.run(ids[i % ids.length]) != null) {
                    found++;
                }
            } catch (DirectoryUnavailableException e) {
                // a lookup over its timeout (a busy machine): counted, the run goes on
                failed++;
            }
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        System.out.printf("%-34s n=%d found=%d failed=%d p50=%.3f ms p99=%.3f ms max=%.3f ms%n", what, n, found,
                failed, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6);
    }

    private static int countPersons(Path file) throws Exception {
        // the generator is deterministic: regenerate the person count without writing
        Path tmp = Files.createTempFile("count", ".txt");
        try {
            long lines;
            try (var s = Files.lines(file)) {
                lines = s.count() - 1;
            }
            return SyntheticDirectoryGenerator.generate(tmp, (int) lines, 42);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static double secondsSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
    }
}
