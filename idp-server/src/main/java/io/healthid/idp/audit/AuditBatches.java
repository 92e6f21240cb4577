package io.healthid.idp.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Audit rows written off the request path: a login or a token request only queues its row; every {@code interval}
 * what is queued goes to PostgreSQL in multi-row INSERTs of at most {@link #BATCH} rows, and once more when the node
 * stops (after the web server has finished its requests in flight). A row is lost only as it would be when written
 * at once: the database failed the INSERT, or it stayed unreachable until {@link #CAPACITY} rows were waiting.
 *
 * @param <T> the row: a token event or an authentication event, each kind in its own table and batches
 */
final class AuditBatches<T> implements SmartLifecycle {

    static final int BATCH = 500;
    static final int CAPACITY = 100_000;
    private static final Duration LAST_FLUSH = Duration.ofSeconds(10);

    private final Queue<T> queued = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Duration interval;
    private final Function<List<T>, Mono<Void>> insert;
    private final Consumer<Integer> lost;
    /** Completes when the last flush begun has written its rows (guarded by {@link #queued}). */
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);
    private volatile Disposable schedule;

    /**
     * @param insert writes one batch; it never fails (a failed write is counted by the caller's guard)
     * @param lost told how many rows were refused because too many were waiting
     */
    AuditBatches(Duration interval, Function<List<T>, Mono<Void>> insert, Consumer<Integer> lost) {
        this.interval = interval;
        this.insert = insert;
        this.lost = lost;
    }

    void add(T record) {
        if (this.size.incrementAndGet() > CAPACITY) {
            this.size.decrementAndGet();
            this.lost.accept(1);
            return;
        }
        this.queued.add(record);
    }

    /**
     * Writes every row queued so far, after the writes already begun: a row the timer has taken is written when this
     * completes too (a reader that flushes first then finds every row queued before it).
     */
    Mono<Void> flush() {
        return Mono.defer(() -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture<Void> previous;
            synchronized (this.queued) {
                previous = this.lastWrite;
                this.lastWrite = done;
            }
            return Mono.fromFuture(previous)
                .thenMany(Flux.defer(() -> Flux.fromIterable(drain())).concatMap(this.insert))
                .then()
                .doFinally(signal -> done.complete(null));
        });
    }

    private List<List<T>> drain() {
        List<List<T>> batches = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        T record;
        while ((record = this.queued.poll()) != null) {
            this.size.decrementAndGet();
            batch.add(record);
            if (batch.size() == BATCH) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    @Override
    public void start() {
        this.schedule = Flux.interval(this.interval, this.interval).onBackpressureDrop()
            .concatMap(tick -> flush(), 1)
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = this.schedule;
        this.schedule = null;
        if (running != null) {
            running.dispose();
        }
        flush().block(LAST_FLUSH);
    }

    @Override
    public boolean isRunning() {
        return this.schedule != null;
    }

    /** Stops after the web server's graceful shutdown (phase {@code DEFAULT_PHASE - 1024}): its last requests count. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
