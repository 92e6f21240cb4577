package io.healthid.idp.config;

import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.client.ClientSeeder;
import io.healthid.idp.client.ClientStore;
import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionEndListener;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.json.JsonMapper;

/** What the server keeps: clients in PostgreSQL (served from memory), sessions and login transactions in Redis. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdpProperties.class)
public class StoresConfiguration {

    /**
     * Boot's template, except that callbacks get the connection itself: by default every command wrapped it in a new
     * JDK proxy, whose interfaces were looked up through the fat jar's class loader on every request.
     */
    @Bean
    StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connections) {
        StringRedisTemplate template = new StringRedisTemplate(connections);
        template.setExposeConnection(true);
        return template;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Issuer issuer(IdpProperties properties) {
        return Issuer.of(properties);
    }

    @Bean
    ClientStore clientStore(DatabaseClient database, JsonMapper json) {
        return new ClientStore(database, json);
    }

    /** Seeded and loaded before the server accepts requests: a request never meets an empty client list. */
    @Bean(destroyMethod = "stop")
    @DependsOn("flywayInitializer")
    CachedRegisteredClientRepository registeredClientRepository(ClientStore store, PasswordEncoder passwordEncoder,
            IdpProperties properties) {
        RegisteredClientMapper mapper = new RegisteredClientMapper(properties.tokens());
        new ClientSeeder(store, passwordEncoder, mapper).seed(properties.clients()).block(Duration.ofMinutes(1));
        CachedRegisteredClientRepository repository = new CachedRegisteredClientRepository(store, mapper);
        repository.reload().block(Duration.ofMinutes(1));
        repository.reloadEvery(Duration.ofSeconds(30));
        return repository;
    }

    @Bean
    LoginSessionStore loginSessionStore(ReactiveStringRedisTemplate redis, IdpProperties properties, Clock clock,
            ObjectProvider<SessionEndListener> onEnd) {
        return new LoginSessionStore(redis, properties.session(), clock, onEnd.getIfAvailable(() -> SessionEndListener.NONE));
    }

    @Bean
    LoginTransactionStore loginTransactionStore(ReactiveStringRedisTemplate redis, JsonMapper json, IdpProperties properties,
            Clock clock) {
        return new LoginTransactionStore(redis, json, properties.session(), clock);
    }
}
