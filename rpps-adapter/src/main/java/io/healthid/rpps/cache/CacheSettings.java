package io.healthid.rpps.cache;

import java.time.Duration;

/**
 * Options of the directory cache.
 *
 * @param keyPrefix           Redis key prefix; keys are {@code <prefix>g<generation>:<idNat>}
 * @param ttl                 lifetime of a cached practitioner (old generations simply expire)
 * @param generationRefresh   how long the directory generation read from PostgreSQL is trusted before asking again;
 *                            an import is visible through the cache after at most this delay
 * @param redisTimeout        a Redis call slower than this counts as a failure and the lookup goes to PostgreSQL
 * @param reconnectBackoff    after a failed connection attempt, Redis is not tried again before this delay
 * @param memoryEntries       practitioners of the current generation kept in this node's memory (0: none)
 */
public record CacheSettings(String keyPrefix, Duration ttl, Duration generationRefresh, Duration redisTimeout,
        Duration reconnectBackoff, int memoryEntries) {

    public static CacheSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String keyPrefix = "rpps:directory:";
        private Duration ttl = Duration.ofHours(1);
        private Duration generationRefresh = Duration.ofSeconds(1);
        private Duration redisTimeout = Duration.ofMillis(250);
        private Duration reconnectBackoff = Duration.ofSeconds(5);
        private int memoryEntries = 2_000;

        public Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        public Builder ttl(Duration value) {
            this.ttl = value;
            return this;
        }

        public Builder generationRefresh(Duration value) {
            this.generationRefresh = value;
            return this;
        }

        public Builder redisTimeout(Duration value) {
            this.redisTimeout = value;
            return this;
        }

        public Builder reconnectBackoff(Duration value) {
            this.reconnectBackoff = value;
            return this;
        }

        public Builder memoryEntries(int value) {
            this.memoryEntries = value;
            return this;
        }

        public CacheSettings build() {
            return new CacheSettings(keyPrefix, ttl, generationRefresh, redisTimeout, reconnectBackoff, memoryEntries);
        }
    }
}
