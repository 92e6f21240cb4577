package io.healthid.rpps.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The directory generation: remembered for its refresh period, refreshed by one query, never waited for under load. */
class GenerationTrackerTest {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicReference<Mono<Long>> answer = new AtomicReference<>(Mono.just(1L));
    private final GenerationTracker tracker = new GenerationTracker(() -> {
        this.queries.incrementAndGet();
        return this.answer.get();
    }, REFRESH, this.now::get);

    @Test
    void currentWithinRefreshThenAnsweredWithoutAQuery() {
        assertThat(this.tracker.current().block()).isEqualTo(1L);
        this.now.addAndGet(REFRESH.toNanos() - 1);

        assertThat(this.tracker.current().block()).isEqualTo(1L);
        assertThat(this.queries).hasValue(1);
    }

    @Test
    void currentWhenRefreshDueThenKnownGenerationAnsweredAtOnceWhileOneQueryRuns() {
        this.tracker.current().block();
        Sinks.One<Long> slowDatabase = Sinks.one();
        this.answer.set(slowDatabase.asMono());
        this.now.addAndGet(REFRESH.toNanos());

        // the database has not answered: these would hang if they waited for it
        assertThat(this.tracker.current().block(Duration.ofSeconds(1))).isEqualTo(1L);
        assertThat(this.tracker.current().block(Duration.ofSeconds(1))).isEqualTo(1L);
        assertThat(this.queries).as("one query for all the lookups that found the generation due").hasValue(2);

        slowDatabase.tryEmitValue(2L);
        assertThat(this.tracker.current().block()).isEqualTo(2L);
        assertThat(this.queries).hasValue(2);
    }

    @Test
    void currentWhenIdleLongerThanTwoPeriodsThenWaitsForTheDatabase() {
        this.tracker.current().block();
        this.answer.set(Mono.just(2L));
        this.now.addAndGet(2 * REFRESH.toNanos());

        assertThat(this.tracker.current().block()).as("an import while the node was idle is seen at once").isEqualTo(2L);
    }

    @Test
    void currentWhenBackgroundQueryFailsThenKnownGenerationKeptAndAskedAgainNextTime() {
        this.tracker.current().block();
        this.answer.set(Mono.error(new IllegalStateException("database down")));
        this.now.addAndGet(REFRESH.toNanos());

        assertThat(this.tracker.current().block()).isEqualTo(1L);
        this.answer.set(Mono.just(3L));
        assertThat(this.tracker.current().block()).isEqualTo(1L); // asks again in the background
        assertThat(this.tracker.current().block()).isEqualTo(3L);
        assertThat(this.queries).hasValue(3);
    }

    @Test
    void currentWithZeroRefreshThenAsksEveryTime() {
        GenerationTracker exact = new GenerationTracker(() -> {
            this.queries.incrementAndGet();
            return Mono.just(7L);
        }, Duration.ZERO, this.now::get);

        exact.current().block();
        exact.current().block();

        assertThat(this.queries).hasValue(2);
    }
}
