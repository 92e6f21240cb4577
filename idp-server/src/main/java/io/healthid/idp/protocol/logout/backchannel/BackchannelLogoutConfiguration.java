package io.healthid.idp.protocol.logout.backchannel;

import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * OpenID Connect Back-Channel Logout 1.0 on the provider side: who took part in each SSO session (noted as ID tokens
 * are generated), and the notifier the session store calls when a session ends.
 */
@Configuration(proxyBeanMethods = false)
public class BackchannelLogoutConfiguration {

    @Bean
    SessionParticipants sessionParticipants(StringRedisTemplate redis, ReactiveStringRedisTemplate reactiveRedis,
            IdpProperties properties) {
        return new SessionParticipants(redis, reactiveRedis, properties.session().absolute());
    }

    @Bean
    BackchannelLogoutNotifier backchannelLogoutNotifier(SessionParticipants participants,
            RegisteredClientRepository clients, JwtEncoder encoder, Issuer issuer, Clock clock,
            ObjectProvider<WebClient.Builder> webClients, MeterRegistry meters) {
        return new BackchannelLogoutNotifier(participants, clients, new LogoutTokens(encoder, issuer, clock),
                webClients.getIfAvailable(WebClient::builder).build(), meters);
    }

    /**
     * Wraps the protocol core's token generator (bean {@code tokenGenerator}) so that every ID token it makes is
     * noted, without the core's assembly knowing about logout.
     */
    @Bean
    static BeanPostProcessor participantRecordingTokenGenerator(ObjectProvider<SessionParticipants> participants) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if ("tokenGenerator".equals(beanName) && bean instanceof OAuth2TokenGenerator<?> generator) {
                    return new ParticipantRecordingTokenGenerator((OAuth2TokenGenerator<? extends OAuth2Token>) generator,
                            participants.getObject());
                }
                return bean;
            }
        };
    }
}
