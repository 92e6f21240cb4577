package io.healthid.idp.redis;

import java.util.List;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses Redis Cluster before anything connects (ADR 0008): the server needs one Redis primary (standalone or
 * Sentinel-monitored), and an operator who names cluster nodes learns it at start-up, from the setting's name, rather
 * than from a MOVED or CROSSSLOT error under the first logins.
 */
public class RedisClusterRefusal implements EnvironmentPostProcessor, Ordered {

    /** Spring Boot's setting that switches its Redis client to Cluster mode. */
    public static final String CLUSTER_NODES = "spring.data.redis.cluster.nodes";

    /** After the configuration files are read, before the embedded stores would start a PostgreSQL for nothing. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> nodes = RedisEndpoint.nodes(environment, CLUSTER_NODES);
        if (!nodes.isEmpty()) {
            throw new RedisClusterNotSupportedException(CLUSTER_NODES + " is set (" + String.join(",", nodes)
                    + "), but this server does not run on Redis Cluster");
        }
    }
}
