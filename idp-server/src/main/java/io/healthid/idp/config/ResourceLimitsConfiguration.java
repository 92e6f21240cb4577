package io.healthid.idp.config;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.healthid.idp.mtls.listener.ListenerLimits;
import io.healthid.idp.session.LoginTransactionLimiter;
import io.healthid.idp.settings.ResourceLimits;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Bounds on what callers may hold: connections on both listeners, login transactions per address. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResourceLimits.class)
public class ResourceLimitsConfiguration {

    @Bean
    ListenerLimits listenerLimits(ResourceLimits limits) {
        return new ListenerLimits(limits);
    }

    /** The main listener gets the card listener's bounds. */
    @Bean
    NettyServerCustomizer listenerLimitsCustomizer(ListenerLimits limits) {
        return limits::apply;
    }

    /** Buckets on the application's Redis (its client, so the same address, password and sentinel set-up). */
    @Bean
    LoginTransactionLimiter loginTransactionLimiter(LettuceConnectionFactory redis, ResourceLimits limits) {
        if (!(redis.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("login transaction limits need a standalone or sentinel Redis client");
        }
        return new LoginTransactionLimiter(Bucket4jLettuce.casBasedBuilder(client)
            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
            .build(), limits.loginTransactionsPerMinute());
    }
}
