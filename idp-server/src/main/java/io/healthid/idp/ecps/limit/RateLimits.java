package io.healthid.idp.ecps.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * Limits shared by every node (Bucket4j's compare-and-swap buckets in Redis): {@code n} attempts per window for a
 * key such as a person or a client address. Time comes from the server's clock, so tests can move it.
 */
public class RateLimits implements AutoCloseable {

    /** One limit: at most {@code attempts} within {@code window}, refilled all at once when the window ends. */
    public record Limit(String name, int attempts, Duration window) {

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(this.attempts).refillIntervally(this.attempts, this.window).build())
                .build();
        }
    }

    private final StatefulRedisConnection<String, byte[]> connection;
    private final AsyncProxyManager<String> buckets;

    public RateLimits(RedisClient client, RedisURI uri, Clock clock) {
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
        this.buckets = Bucket4jLettuce.casBasedBuilder(this.connection)
            .clientClock(new ClockTimeMeter(clock))
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
            .build()
            .asAsync();
    }

    /** True when one more attempt is allowed for {@code key} under {@code limit} (and counts it). */
    public Mono<Boolean> tryAcquire(Limit limit, String key) {
        return Mono.fromFuture(() -> this.buckets.builder()
            .build("ecps:limit:" + limit.name() + ":" + key, () -> CompletableFuture.completedFuture(limit.configuration()))
            .tryConsume(1));
    }

    @Override
    public void close() {
        this.connection.close();
    }

    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
