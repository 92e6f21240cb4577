package io.healthid.idp.redis;

/** The configuration names a Redis Cluster, which the server does not run on. */
public class RedisClusterNotSupportedException extends IllegalStateException {

    public RedisClusterNotSupportedException(String message) {
        super(message);
    }
}
