package io.healthid.idp.redis;

import io.lettuce.core.RedisURI;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The Redis that Spring's {@code spring.data.redis.*} settings name, for the Lettuce clients the server opens itself
 * (the directory cache, the e-CPS limits): a standalone server ({@code url}, or {@code host}/{@code port}), or a
 * Sentinel-monitored primary ({@code sentinel.master} and {@code sentinel.nodes}), which Lettuce follows through a
 * failover as Spring's own connection factory does. Cluster nodes never get here ({@link RedisClusterRefusal}). One
 * place reads these settings, so every Redis client of a node talks to the same server.
 */
public final class RedisEndpoint {

    private static final String SENTINEL_NODES = "spring.data.redis.sentinel.nodes";

    private RedisEndpoint() {
    }

    /** Whether the settings name a Redis of their own (so no embedded one is needed). */
    public static boolean isConfigured(Environment environment) {
        return environment.containsProperty("spring.data.redis.url") || !nodes(environment, SENTINEL_NODES).isEmpty()
                || !nodes(environment, RedisClusterRefusal.CLUSTER_NODES).isEmpty();
    }

    /**
     * A list of {@code host:port} as Spring Boot binds it: comma-separated ({@code a:1,b:2}, an environment
     * variable) or indexed ({@code nodes[0]}, a YAML list).
     */
    static List<String> nodes(Environment environment, String name) {
        return Binder.get(environment).bind(name, Bindable.listOf(String.class)).orElse(List.of()).stream()
            .map(String::trim).filter(node -> !node.isEmpty()).toList();
    }

    public static RedisURI uri(Environment environment) {
        String master = environment.getProperty("spring.data.redis.sentinel.master");
        if (master == null) {
            String url = environment.getProperty("spring.data.redis.url");
            return url != null ? RedisURI.create(url)
                    : RedisURI.create(environment.getProperty("spring.data.redis.host", "localhost"),
                            environment.getProperty("spring.data.redis.port", Integer.class, 6379));
        }
        List<String> nodes = nodes(environment, SENTINEL_NODES);
        RedisURI.Builder builder = null;
        String sentinelPassword = environment.getProperty("spring.data.redis.sentinel.password");
        for (String node : nodes) {
            int colon = node.lastIndexOf(':');
            String host = node.substring(0, colon);
            int port = Integer.parseInt(node.substring(colon + 1));
            if (builder == null) {
                builder = sentinelPassword == null ? RedisURI.Builder.sentinel(host, port, master)
                        : RedisURI.Builder.sentinel(host, port, master, sentinelPassword);
            }
            else if (sentinelPassword == null) {
                builder.withSentinel(host, port);
            }
            else {
                builder.withSentinel(host, port, sentinelPassword);
            }
        }
        if (builder == null) {
            throw new IllegalStateException(SENTINEL_NODES + " names no sentinel");
        }
        String password = environment.getProperty("spring.data.redis.password");
        if (password != null) {
            builder.withPassword(password.toCharArray());
        }
        builder.withDatabase(environment.getProperty("spring.data.redis.database", Integer.class, 0));
        return builder.build();
    }
}
