package io.healthid.idp.protocol.clientauth;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** Client secrets verified in microseconds once known, failed attempts limited across nodes (ADR 0010). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientSecretProperties.class)
public class ClientSecretConfiguration {

    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    VerifiedClientSecrets verifiedClientSecrets(PasswordEncoder passwordEncoder, ClientSecretProperties properties) {
        return new VerifiedClientSecrets(passwordEncoder, properties.rememberedSecrets(), properties.rememberFor());
    }

    /** Bucket4j's own Redis connection (byte-array codec), closed with the application. */
    record BucketConnection(StatefulConnection<byte[], byte[]> connection) implements AutoCloseable {

        @Override
        public void close() {
            // Spring Data Redis's connection factory stops (a lifecycle phase) before beans are destroyed, and shuts
            // down its client with every connection of it, this one too: closing it again only made Lettuce warn
            if (this.connection.isOpen()) {
                this.connection.close();
            }
        }
    }

    /** Opened from the client Spring Boot configured (standalone, Sentinel or cluster). */
    @Bean
    BucketConnection failedSecretBucketConnection(RedisConnectionFactory connectionFactory) {
        AbstractRedisClient client = ((LettuceConnectionFactory) connectionFactory).getNativeClient();
        if (client instanceof RedisClusterClient cluster) {
            return new BucketConnection(cluster.connect(ByteArrayCodec.INSTANCE));
        }
        return new BucketConnection(((RedisClient) client).connect(ByteArrayCodec.INSTANCE));
    }

    @Bean
    FailedSecretLimiter failedSecretLimiter(RegisteredClientRepository clients, VerifiedClientSecrets secrets,
            BucketConnection failedSecretBucketConnection, ClientSecretProperties properties, MeterRegistry meters) {
        return new FailedSecretLimiter(clients, secrets, buckets(failedSecretBucketConnection.connection()), properties,
                meters);
    }

    @SuppressWarnings("unchecked")
    private static AsyncProxyManager<byte[]> buckets(StatefulConnection<byte[], byte[]> connection) {
        var builder = connection instanceof StatefulRedisClusterConnection<?, ?> cluster
                ? Bucket4jLettuce.casBasedBuilder((StatefulRedisClusterConnection<byte[], byte[]>) cluster)
                : Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<byte[], byte[]>) connection);
        return builder.requestTimeout(REDIS_TIMEOUT)
            // a bucket's key disappears once it is full again: idle clients leave nothing in Redis
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
            .build()
            .asAsync();
    }
}
