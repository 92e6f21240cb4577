package io.healthid.rpps.fhir;

import java.time.Duration;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Token bucket shared by every caller of one API key. Each call takes a token; tokens come back at the configured
 * rate up to {@code burst}. With the default burst of 1 calls are simply spaced by 1/rate, so no one-second window
 * ever holds more than rate + 1 calls. A caller that finds no token gets a reservation and waits (without blocking a
 * thread) instead of failing.
 */
public final class RateLimiter {

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier clock;
    private double tokens;
    private long last;

    public RateLimiter(int permitsPerSecond) {
        this(permitsPerSecond, 1, System::nanoTime);
    }

    RateLimiter(int permitsPerSecond, int burst, LongSupplier nanoClock) {
        if (permitsPerSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("rate and burst must be positive");
        }
        this.tokensPerNano = permitsPerSecond / 1e9;
        this.burst = burst;
        this.clock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Completes when the caller may make its call. */
    public Mono<Void> acquire() {
        long wait = reserve();
        return wait <= 0 ? Mono.empty() : Mono.delay(Duration.ofNanos(wait)).then();
    }

    /** Takes a token now or reserves the next one; returns how long the caller must wait, in nanoseconds. */
    synchronized long reserve() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / tokensPerNano);
    }
}
