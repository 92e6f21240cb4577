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

/** The Redis the tests run against: {@code TEST_REDIS_URL} when set, otherwise the embedded server. */
final class TestRedis {

    private static final String URL_VARIABLE = "TEST_REDIS_URL";

    private TestRedis() {
    }

    /** Whether the tests own the Redis server, and so may stop and restart it. */
    static boolean isEmbedded() {
        return System.getenv(URL_VARIABLE) == null;
    }

    /**
     * A connection factory as a node would have, one per simulated node. Commands fail fast while Redis is down
     * (rejected when disconnected, 2 s timeout) rather than queue for Lettuce's default minute.
     */
    static LettuceConnectionFactory connectionFactory() {
        RedisURI uri = RedisURI.create(url());
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

    private static String url() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null) {
            return configured;
        }
        try {
            return EmbeddedRedisServer.url(Files.createTempDirectory("authz-redis-"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
