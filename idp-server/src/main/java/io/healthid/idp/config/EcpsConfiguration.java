package io.healthid.idp.config;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsProperties;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.activation.CodeSender;
import io.healthid.idp.ecps.activation.CorrespondenceActivation;
import io.healthid.idp.ecps.challenge.ApprovalVerifier;
import io.healthid.idp.ecps.challenge.ChallengeListener;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.ecps.challenge.ChallengeStore;
import io.healthid.idp.ecps.challenge.DeviceLocks;
import io.healthid.idp.ecps.device.DeviceProofs;
import io.healthid.idp.ecps.device.DeviceRegistration;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.ecps.device.VersionPolicy;
import io.healthid.idp.ecps.dpop.DpopProofVerifier;
import io.healthid.idp.ecps.dpop.OneTimeValues;
import io.healthid.idp.ecps.limit.RateLimits;
import io.healthid.idp.ecps.push.FcmPushGateway;
import io.healthid.idp.ecps.push.PushDispatcher;
import io.healthid.idp.ecps.push.PushGateway;
import io.healthid.idp.ecps.push.PushTarget;
import io.healthid.idp.ecps.push.WebhookHosts;
import io.healthid.idp.ecps.push.WebhookPushGateway;
import io.healthid.idp.lifecycle.PeriodicTask;
import io.healthid.idp.observability.EcpsSignals;
import io.healthid.idp.redis.RedisEndpoint;
import io.healthid.idp.settings.Issuer;
import io.healthid.rpps.eligibility.EligibilityRules;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-CPS device ceremony as a shared service: activation, registration, DPoP-proved devices, challenges, their
 * stores in PostgreSQL and Redis, the push gateways and the limits. Its HTTP side is {@code login.ecps}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EcpsProperties.class)
@ConditionalOnProperty(name = "idp.ecps.enabled", matchIfMissing = true)
public class EcpsConfiguration {

    @Bean
    EcpsMetrics ecpsMetrics(MeterRegistry meters) {
        return new EcpsMetrics(meters);
    }

    /** Push outcomes and phone clocks for the metrics and the console (ADR 0013). */
    @Bean
    EcpsSignals ecpsSignals(MeterRegistry meters, EcpsProperties properties, Clock clock) {
        return new EcpsSignals(meters, PushTarget.Type.class, properties.challenge().clockSkew(), clock);
    }

    /** The console's "last hour" reads these samples. */
    @Bean
    PeriodicTask ecpsSignalsSample(EcpsSignals signals) {
        return new PeriodicTask("e-CPS signals sample", Duration.ofMinutes(1), signals::sample);
    }

    /** Bucket4j's own Lettuce client (byte[] values), like the directory cache's. */
    @Bean(destroyMethod = "shutdown")
    RedisClient ecpsRateLimitRedisClient() {
        return RedisClient.create();
    }

    @Bean(destroyMethod = "close")
    RateLimits ecpsRateLimits(RedisClient ecpsRateLimitRedisClient, Environment environment, Clock clock) {
        ecpsRateLimitRedisClient.setDefaultTimeout(Duration.ofSeconds(2));
        // the same Redis as every other store: a URL or the sentinels that name the primary
        return new RateLimits(ecpsRateLimitRedisClient, RedisEndpoint.uri(environment), clock);
    }

    @Bean
    ReactiveRedisMessageListenerContainer ecpsListenerContainer(ReactiveRedisConnectionFactory connections) {
        return new ReactiveRedisMessageListenerContainer(connections);
    }

    @Bean
    DeviceRepository ecpsDeviceRepository(DatabaseClient database) {
        return new DeviceRepository(database);
    }

    @Bean
    ActivationStore ecpsActivationStore(ReactiveStringRedisTemplate redis, EcpsProperties properties) {
        return new ActivationStore(redis, properties.activation().maxCodeFailures());
    }

    @Bean
    ChallengeStore ecpsChallengeStore(ReactiveStringRedisTemplate redis, ReactiveRedisMessageListenerContainer ecpsListenerContainer,
            JsonMapper json) {
        return new ChallengeStore(redis, ecpsListenerContainer, json, Duration.ofMinutes(5));
    }

    @Bean
    WebhookHosts ecpsWebhookHosts(EcpsProperties properties, Environment environment) {
        List<String> configured = properties.push().webhookHosts();
        if (configured != null) {
            return new WebhookHosts(configured);
        }
        boolean embedded = environment.getProperty("idp.embedded.postgres", Boolean.class, false);
        return new WebhookHosts(embedded ? WebhookHosts.LOOPBACK : List.of());
    }

    @Bean
    PushDispatcher ecpsPushDispatcher(EcpsProperties properties, WebhookHosts hosts, JsonMapper json, Clock clock,
            EcpsSignals signals) {
        List<PushGateway> gateways = new ArrayList<>();
        WebClient client = WebClient.builder().build();
        gateways.add(new WebhookPushGateway(client, hosts, properties.push().timeout()));
        EcpsProperties.Fcm fcm = properties.push().fcm();
        if (fcm.enabled()) {
            gateways.add(new FcmPushGateway(client, fcm.baseUrl(), fcm.projectId(),
                    FcmPushGateway.ServiceAccount.read(fcm.credentials(), json), clock, properties.push().timeout()));
        }
        return new PushDispatcher(gateways, signals);
    }

    @Bean
    DeviceProofs ecpsDeviceProofs(ReactiveStringRedisTemplate redis, DeviceRepository devices, Issuer issuer,
            EcpsProperties properties, Clock clock) {
        DpopProofVerifier verifier = new DpopProofVerifier(new OneTimeValues(redis, "ecps:dpop-jti:"), clock,
                properties.challenge().clockSkew());
        return new DeviceProofs(verifier, devices, issuer, clock);
    }

    @Bean
    ChallengeService ecpsChallengeService(ChallengeStore store, DeviceRepository devices, ReactiveStringRedisTemplate redis,
            PushDispatcher pushes, RateLimits limits, EcpsProperties properties, Clock clock,
            ObjectProvider<ChallengeListener> listeners, EcpsSignals signals) {
        EcpsProperties.Lock lock = properties.lock();
        return new ChallengeService(store, devices, new DeviceLocks(redis, lock.failures(), lock.window(), lock.duration()),
                pushes, new ApprovalVerifier(clock, properties.challenge().clockSkew(), signals),
                new OneTimeValues(redis, "ecps:response-jti:"), limits, properties.challenge(), clock,
                listeners.orderedStream().toList());
    }

    @Bean
    DeviceRegistration ecpsDeviceRegistration(ActivationStore activations, DeviceRepository devices, PushDispatcher pushes,
            EcpsProperties properties, Clock clock) {
        return new DeviceRegistration(activations, devices,
                new VersionPolicy(properties.device().minOs(), properties.device().minApp()), pushes,
                properties.device().lifetime(), clock);
    }

    @Bean
    CorrespondenceActivation ecpsCorrespondenceActivation(PractitionerLookup directory, ActivationStore store,
            ObjectProvider<JavaMailSender> mail, RateLimits limits, EcpsProperties properties, MessageSource messages) {
        CodeSender sender = new CodeSender(mail.getIfAvailable(), properties.activation().mailFrom(), WebClient.builder().build(),
                properties.sms().url(), messages, properties.push().timeout());
        return new CorrespondenceActivation(directory, new EligibilityRules(), store, sender, limits, properties.activation());
    }

}
