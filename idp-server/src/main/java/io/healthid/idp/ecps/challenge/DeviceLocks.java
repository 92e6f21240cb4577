package io.healthid.idp.ecps.challenge;

import java.time.Duration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

/**
 * Repeated denials, wrong numbers or bad signatures lock a device for a while ({@code ECPS_LOCKED}): whoever holds a
 * stolen phone, or pushes at a person until they give in, gets a few tries only.
 */
public class DeviceLocks {

    private static final String FAILURES = "ecps:device-failures:";
    private static final String LOCKED = "ecps:device-locked:";

    private final ReactiveStringRedisTemplate redis;
    private final int threshold;
    private final Duration window;
    private final Duration duration;

    public DeviceLocks(ReactiveStringRedisTemplate redis, int threshold, Duration window, Duration duration) {
        this.redis = redis;
        this.threshold = threshold;
        this.window = window;
        this.duration = duration;
    }

    public Mono<Boolean> isLocked(String deviceId) {
        return this.redis.hasKey(LOCKED + deviceId).defaultIfEmpty(false);
    }

    /** Counts one failure; the one that reaches the threshold locks the device. */
    public Mono<Void> recordFailure(String deviceId) {
        String key = FAILURES + deviceId;
        return this.redis.opsForValue().increment(key)
            .flatMap(count -> (count == 1 ? this.redis.expire(key, this.window) : Mono.just(true))
                .then(count >= this.threshold
                        ? this.redis.opsForValue().set(LOCKED + deviceId, "1", this.duration).then(this.redis.delete(key))
                        : Mono.just(0L)))
            .then();
    }
}
