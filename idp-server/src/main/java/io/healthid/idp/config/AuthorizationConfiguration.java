package io.healthid.idp.config;

import io.healthid.idp.authorization.AuthorizationJsonCodec;
import io.healthid.idp.authorization.AuthorizationTimeToLive;
import io.healthid.idp.authorization.RedisOAuth2AuthorizationService;
import io.healthid.idp.authorization.ReplicatedUsedTokens;
import io.healthid.idp.authorization.TokenReplayGuard;
import io.healthid.idp.authorization.UsedClientAssertions;
import io.healthid.idp.authorization.UsedTokens;
import io.lettuce.core.ClientOptions;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Authorizations (codes, tokens) and first-use marks in Redis, so any node continues any flow. */
@Configuration(proxyBeanMethods = false)
public class AuthorizationConfiguration {

    @Bean
    RedisOAuth2AuthorizationService authorizationService(StringRedisTemplate redis, Clock clock) {
        return new RedisOAuth2AuthorizationService(redis, new AuthorizationJsonCodec(), new AuthorizationTimeToLive(clock));
    }

    /** With {@code idp.redis.wait-for-replicas} > 0, a code's first use is on the replicas before it is redeemed. */
    @Bean
    UsedTokens tokenReplayGuard(StringRedisTemplate redis,
            @Value("${idp.redis.wait-for-replicas:0}") int replicas,
            @Value("${idp.redis.replica-timeout:200ms}") Duration timeout) {
        TokenReplayGuard guard = new TokenReplayGuard(redis);
        return replicas > 0 ? new ReplicatedUsedTokens(guard, redis, replicas, timeout) : guard;
    }

    @Bean
    UsedClientAssertions usedClientAssertions(StringRedisTemplate redis) {
        return new UsedClientAssertions(redis);
    }

    /**
     * Opens the shared Redis connections at start-up, on the main thread: left lazy, the first requests open them
     * under the connection factory's lock, blocking whichever thread comes first (an event loop, a SAS worker).
     */
    @Bean
    static BeanPostProcessor eagerRedisConnections() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof LettuceConnectionFactory factory) {
                    factory.setEagerInitialization(true);
                }
                return bean;
            }
        };
    }

    /**
     * While Redis is unreachable, fail each command at once (503 to the caller) instead of queueing it until the
     * connection returns: a queue would hold requests for the whole outage and replay stale writes after it.
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWhenRedisDown() {
        return builder -> builder.clientOptions(ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .autoReconnect(true)
            .build());
    }
}
