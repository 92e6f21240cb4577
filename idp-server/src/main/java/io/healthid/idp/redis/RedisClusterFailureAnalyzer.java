package io.healthid.idp.redis;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says why Redis Cluster is refused and which settings to use instead, instead of a stack trace. */
public class RedisClusterFailureAnalyzer extends AbstractFailureAnalyzer<RedisClusterNotSupportedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisClusterNotSupportedException cause) {
        return new FailureAnalysis(cause.getMessage() + ". The directory cache and the rate limits (login transactions,"
                + " e-CPS) use one Redis primary's connection, and the e-CPS challenge script publishes on a channel"
                + " outside its key's slot; only the authorization store is Cluster-safe so far.",
                "Remove " + RedisClusterRefusal.CLUSTER_NODES + " (SPRING_DATA_REDIS_CLUSTER_NODES) and name a"
                        + " Sentinel-monitored primary (spring.data.redis.sentinel.master and"
                        + " spring.data.redis.sentinel.nodes) or a standalone Redis (spring.data.redis.url). See"
                        + " deploy/README.md, \"Redis: standalone, Sentinel, Cluster\".",
                cause);
    }
}
