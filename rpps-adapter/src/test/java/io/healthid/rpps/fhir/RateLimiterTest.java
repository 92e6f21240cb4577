package io.healthid.rpps.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

class RateLimiterTest {

    @Test
    void reserveWhenCallsFasterThanRateThenEachWaitsOneMoreInterval() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(17, 1, now::get);
        long interval = 1_000_000_000L / 17;

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isBetween(interval - 1, interval + 1);
        assertThat(limiter.reserve()).isBetween(2 * interval - 1, 2 * interval + 1);
        now.addAndGet(10 * interval);
        assertThat(limiter.reserve()).isZero();
    }

    @Test
    void reserveWhenBurstAllowedThenBurstIsFreeThenRateApplies() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(10, 3, now::get);

        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isZero();
        assertThat(limiter.reserve()).isBetween(99_999_999L, 100_000_001L);
    }

    @Test
    void acquireWhenManyConcurrentCallersThenThroughputCappedAtRate() {
        RateLimiter limiter = new RateLimiter(50);
        long start = System.nanoTime();

        Flux.range(0, 26).flatMap(i -> limiter.acquire().thenReturn(i), 26).blockLast(Duration.ofSeconds(5));

        // 26 calls at 50/s: the 26th may not start before 25 intervals of 20 ms
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(480));
    }
}
