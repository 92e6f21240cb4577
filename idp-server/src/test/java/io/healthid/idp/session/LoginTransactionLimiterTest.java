package io.healthid.idp.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.lettuce.core.RedisClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One address opens a bounded number of login transactions, counted in the shared Redis (so every node sees the
 * same count); another address is not affected. Its own small limit: the suite's requests all come from 127.0.0.1.
 */
@IdpIntegrationTest
class LoginTransactionLimiterTest {

    @Autowired
    private LettuceConnectionFactory redis;

    private LoginTransactionLimiter limiter(int perMinute) {
        return new LoginTransactionLimiter(Bucket4jLettuce.casBasedBuilder((RedisClient) this.redis.getNativeClient())
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
            .build(), perMinute);
    }

    @Test
    void tryAcquireWhenAddressOverItsLimitThenRefusedOnEveryNodeAndOtherAddressesUnaffected() {
        // a fresh documentation-range address per run, so the buckets start full
        String suffix = String.valueOf(Math.floorMod(UUID.randomUUID().hashCode(), 250) + 1);
        InetSocketAddress crowded = new InetSocketAddress("192.0.2." + suffix, 40000);
        InetSocketAddress other = new InetSocketAddress("198.51.100." + suffix, 40000);
        LoginTransactionLimiter nodeA = limiter(3);
        LoginTransactionLimiter nodeB = limiter(3);
        assertThat(nodeA.tryAcquire(crowded).block()).isTrue();
        assertThat(nodeB.tryAcquire(crowded).block()).isTrue();
        assertThat(nodeA.tryAcquire(crowded).block()).isTrue();
        assertThat(nodeB.tryAcquire(crowded).block()).as("fourth, on the other node").isFalse();
        assertThat(nodeA.tryAcquire(other).block()).isTrue();
    }
}
