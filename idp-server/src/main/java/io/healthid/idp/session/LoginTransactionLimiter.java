package io.healthid.idp.session;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * How many login transactions one address may open: each holds Redis memory for the login timeout, so an address
 * that opens them faster than people log in is refused ({@code RATE_LIMITED}) before anything is stored. Bucket4j
 * buckets in Redis, so the limit holds across nodes.
 */
public class LoginTransactionLimiter {

    private static final String PREFIX = "login-tx-rate:";

    private final ProxyManager<byte[]> buckets;
    private final BucketConfiguration configuration;

    /** @param perMinute transactions an address may open per minute, also the burst it may open at once */
    public LoginTransactionLimiter(ProxyManager<byte[]> buckets, int perMinute) {
        this.buckets = buckets;
        this.configuration = BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
            .build();
    }

    /** {@code true} when the address may open one more transaction now. */
    public Mono<Boolean> tryAcquire(InetSocketAddress remote) {
        String address = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        byte[] key = (PREFIX + address).getBytes(StandardCharsets.UTF_8);
        return Mono.fromFuture(() -> this.buckets.asAsync().builder().build(key, this.configuration).tryConsume(1));
    }
}
