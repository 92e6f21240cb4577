package io.healthid.idp.authorization;

import io.healthid.idp.embedded.EmbeddedRedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Simulated nodes on one Redis, each with its own connection factory as a node would have: on the tests' shared Redis
 * ({@code TEST_REDIS_URL} when set, otherwise embedded), or on a Redis URL a test owns.
 */
final class RedisNodes {

    private RedisNodes() {
    }

    static LettuceConnectionFactory connectionFactory() {
        return connectionFactory(RedisURI.create(sharedRedisUrl()));
    }

    /** The server's embedded Redis (rpps-adapter's test Redis is another library's, whose classes clash with it). */
    private static String sharedRedisUrl() {
        String url = System.getenv("TEST_REDIS_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        try {
            return EmbeddedRedisServer.url(Files.createTempDirectory("authz-redis-"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Commands fail fast while Redis is down (rejected when disconnected, 2 s timeout) rather than queue for
     * Lettuce's default minute.
     */
    static LettuceConnectionFactory connectionFactory(RedisURI uri) {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        server.setDatabase(uri.getDatabase());
        if (uri.getPassword() != null) {
            server.setPassword(uri.getPassword());
        }
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
            .commandTimeout(Duration.ofSeconds(2))
            .clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build())
            .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server, client);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    static StringRedisTemplate template(LettuceConnectionFactory factory) {
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return template;
    }
}
