package io.healthid.rpps.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Remembers the directory generation for a short while so that a cache hit does not need PostgreSQL. When
 * PostgreSQL cannot be asked, the last known generation is used (cached entries stay servable).
 *
 * <p>Past its refresh period, the known generation is still answered for one more period while a single query
 * asks PostgreSQL in the background: under load, lookups never wait for that query, and the requests that arrive
 * together when the period ends do not each send one. Older than that (an idle node), or with a refresh of zero,
 * a lookup waits for the answer.
 */
final class GenerationTracker {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationTracker.class);

    private record Known(long generation, long fetchedAtNanos) {
    }

    private final Supplier<Mono<Long>> source;
    private final long refreshNanos;
    private final LongSupplier clock;
    private final AtomicReference<Known> known = new AtomicReference<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    GenerationTracker(Supplier<Mono<Long>> source, Duration refresh, LongSupplier nanoClock) {
        this.source = source;
        this.refreshNanos = refresh.toNanos();
        this.clock = nanoClock;
    }

    Mono<Long> current() {
        Known k = known.get();
        long age = k == null ? Long.MAX_VALUE : clock.getAsLong() - k.fetchedAtNanos();
        if (age < refreshNanos) {
            return Mono.just(k.generation());
        }
        if (age < 2 * refreshNanos) {
            if (refreshing.compareAndSet(false, true)) {
                fetch().doFinally(signal -> refreshing.set(false)).subscribe();
            }
            return Mono.just(k.generation());
        }
        return fetch();
    }

    private Mono<Long> fetch() {
        return source.get()
                .doOnNext(g -> known.set(new Known(g, clock.getAsLong())))
                .onErrorResume(e -> {
                    Known last = known.get();
                    if (last == null) {
                        return Mono.error(e);
                    }
                    LOG.warn("directory generation unavailable, using last known {}: {}", last.generation(),
                            e.toString());
                    return Mono.just(last.generation());
                });
    }
}
