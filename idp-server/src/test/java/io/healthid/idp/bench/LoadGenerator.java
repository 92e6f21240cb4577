package io.healthid.idp.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The fixed-rate load: an open loop (a fixed offered rate; latency counted from the moment each request was due, so a
 * stalled server is not hidden by coordinated omission), sent by {@link OpenLoopClient}. Latencies go to HdrHistogram.
 * The JDK's client is for the logins and the setup, where its cost is not measured.
 */
final class LoadGenerator implements AutoCloseable {

    /** What one request is: built fresh each time (one-time codes, rotated refresh tokens), checked on answer. */
    interface Call {
        /** @return the request, or {@code null} when the pool it draws from is empty */
        HttpRequest next();

        /** @return whether the answer is the expected one */
        default boolean accept(int status, String body) {
            return status == 200;
        }
    }

    /**
     * @param bodyBytes the mean length of the accepted answers' bodies (0 where not counted)
     * @param worstPerSecond the worst latency of the requests due in each second, in ms: a tail from one stall differs
     *     from a queue all along (empty where not counted)
     */
    record Result(long requests, long failures, double seconds, Histogram latencies, long bodyBytes,
            List<Long> worstPerSecond) {

        double perSecond() {
            return this.requests / this.seconds;
        }

        double p50() {
            return this.latencies.getValueAtPercentile(50) / 1000.0;
        }

        double p99() {
            return this.latencies.getValueAtPercentile(99) / 1000.0;
        }
    }

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).executor(this.executor)
        .build();
    private final OpenLoopClient openLoopClient = new OpenLoopClient();

    HttpClient http() {
        return this.http;
    }

    /** {@code rate} requests a second for {@code duration}, whatever the answers' pace. */
    Result openLoop(Call call, double rate, Duration duration) throws InterruptedException {
        ConcurrentHistogram latencies = histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong bodyBytes = new AtomicLong();
        Map<String, Long> failures = new ConcurrentHashMap<>();
        long total = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
        long interval = Math.round(1e9 / rate);
        CountDownLatch done = new CountDownLatch((int) total);
        AtomicLongArray worstPerSecond = new AtomicLongArray((int) Math.max(1, Math.ceil(duration.toNanos() / 1e9)));
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request = call.next();
            if (request == null) {
                failures.merge("pool of one-time values empty", 1L, Long::sum);
                done.countDown();
                continue;
            }
            int second = (int) Math.min(worstPerSecond.length() - 1, (due - start) / 1_000_000_000L);
            this.openLoopClient.send(request).subscribe(
                    answer -> {
                        boolean accepted = accepted(call, answer);
                        if (accepted) {
                            bodyBytes.addAndGet(answer.body().getBytes(StandardCharsets.UTF_8).length);
                        }
                        worstPerSecond.accumulateAndGet(second, record(latencies, due,
                                accepted ? null : "status " + answer.status(), ok, failures), Math::max);
                    },
                    error -> {
                        worstPerSecond.accumulateAndGet(second,
                                record(latencies, due, error.getClass().getSimpleName(), ok, failures), Math::max);
                        done.countDown();
                    },
                    done::countDown);
        }
        done.await(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = failures.values().stream().mapToLong(Long::longValue).sum();
        if (failed > 0) {
            System.out.println("  fixed rate: " + failed + " failed " + failures);
        }
        return new Result(ok.get(), failed, seconds, latencies, bodyBytes.get() / Math.max(1, ok.get()),
                IntStream.range(0, worstPerSecond.length()).mapToObj(i -> worstPerSecond.get(i) / 1000).toList());
    }

    private static boolean accepted(Call call, OpenLoopClient.Answer answer) {
        try {
            return call.accept(answer.status(), answer.body());
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    /**
     * @param failure why the answer was not the expected one, {@code null} when it was
     * @return the latency recorded, in microseconds
     */
    private static long record(ConcurrentHistogram latencies, long since, String failure, AtomicLong ok,
            Map<String, Long> failures) {
        long micros = (System.nanoTime() - since) / 1000;
        latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
        if (failure == null) {
            ok.incrementAndGet();
        }
        else {
            failures.merge(failure, 1L, Long::sum);
        }
        return micros;
    }

    private static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(120), 3);
    }

    /** Runs {@code work} on {@code threads} threads until {@code count} items were made; {@code null} is a failure. */
    static <T> List<T> collect(int count, int threads, Supplier<T> work, Consumer<String> progress)
            throws InterruptedException {
        List<T> made = Collections.synchronizedList(new ArrayList<>());
        AtomicLong attempts = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (made.size() < count && attempts.incrementAndGet() < count * 2L) {
                    T item = work.get();
                    if (item != null) {
                        made.add(item);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.MINUTES);
        progress.accept(made.size() + " of " + count);
        return made.size() > count ? new ArrayList<>(made.subList(0, count)) : new ArrayList<>(made);
    }

    @Override
    public void close() {
        this.executor.shutdownNow();
        this.openLoopClient.close();
    }
}
