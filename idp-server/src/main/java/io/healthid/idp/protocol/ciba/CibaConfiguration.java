package io.healthid.idp.protocol.ciba;

import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** CIBA on the e-CPS device ceremony: the backchannel endpoint, the token grant provider and ping notifications. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CibaProperties.class)
@ConditionalOnProperty(name = "idp.ciba.enabled", matchIfMissing = true)
@ConditionalOnBean(ChallengeService.class)
public class CibaConfiguration {

    @Bean
    CibaRequestStore cibaRequestStore(ReactiveStringRedisTemplate redis, JsonMapper json) {
        return new CibaRequestStore(redis, json);
    }

    @Bean
    CibaPingNotifier cibaPingNotifier(CibaRequestStore requests, @Lazy RegisteredClientRepository clients) {
        return new CibaPingNotifier(requests, clients, WebClient.builder().build(), Duration.ofSeconds(5));
    }

    /** Registered with SAS's other providers in {@code ProtocolCore}. */
    @Bean
    CibaGrantAuthenticationProvider cibaGrantAuthenticationProvider(CibaRequestStore requests, ChallengeService challenges,
            OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator,
            ObjectProvider<PractitionerVerifier> verifier, ObjectProvider<CibaOutcomes> outcomes, Clock clock) {
        return new CibaGrantAuthenticationProvider(requests, challenges, authorizations, tokenGenerator,
                Optional.ofNullable(verifier.getIfAvailable()),
                outcomes.getIfAvailable(() -> (request, reason, duration) -> Mono.empty()), clock);
    }

    @Bean
    CibaAuthenticationEndpoint cibaAuthenticationEndpoint(ClientAuthentication clientAuthentication, ChallengeService challenges,
            CibaRequestStore requests, ObjectProvider<PractitionerVerifier> verifier, CibaProperties properties, Clock clock) {
        return new CibaAuthenticationEndpoint(clientAuthentication, challenges, requests,
                Optional.ofNullable(verifier.getIfAvailable()), properties, clock);
    }

    @Bean
    RouterFunction<ServerResponse> cibaRoutes(Issuer issuer, CibaAuthenticationEndpoint endpoint) {
        return RouterFunctions.route().POST(issuer.route(CibaAuthenticationEndpoint.PATH), endpoint::authenticate).build();
    }
}
