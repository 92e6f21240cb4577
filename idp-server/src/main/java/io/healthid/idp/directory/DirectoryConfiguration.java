package io.healthid.idp.directory;

import io.healthid.idp.redis.RedisEndpoint;
import io.healthid.rpps.cache.CacheSettings;
import io.healthid.rpps.cache.CachedPractitionerLookup;
import io.healthid.rpps.eligibility.EligibilityRules;
import io.healthid.rpps.fhir.AnnuaireSanteClient;
import io.healthid.rpps.fhir.AnnuaireSanteSettings;
import io.healthid.rpps.lookup.CompositePractitionerLookup;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.sample.SampleDirectory;
import io.healthid.rpps.store.DirectoryMigrations;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The practitioner directory in the server: its own schema migrated at start-up, the sample directory on a first
 * embedded start, lookups from PostgreSQL behind a Redis cache (and the Annuaire Santé API as fallback when
 * configured), wired into login (the verifier) and userinfo (the claims).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DirectoryProperties.class)
public class DirectoryConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(DirectoryConfiguration.class);

    @Bean
    DataSource directoryDataSource(Environment environment, DirectoryProperties properties) {
        DataSource dataSource = DirectoryDataSource.from(environment);
        DirectoryMigrations.migrate(dataSource);
        boolean embedded = environment.getProperty("idp.embedded.postgres", Boolean.class, false);
        if (properties.loadSample() == null ? embedded : properties.loadSample()) {
            SampleDirectory.loadIfEmpty(dataSource).ifPresent(result -> logger.info("Sample directory loaded: "
                    + result.persons() + " practitioners (demo data, not real people)"));
        }
        return dataSource;
    }

    /** The directory cache's own Lettuce client: its failures must not touch the sessions' connection. */
    @Bean(destroyMethod = "shutdown")
    RedisClient directoryCacheRedisClient() {
        return RedisClient.create();
    }

    @Bean(destroyMethod = "close")
    @DependsOn("directoryDataSource")
    CachedPractitionerLookup cachedPractitionerLookup(ConnectionFactory connectionFactory, RedisClient directoryCacheRedisClient,
            Environment environment, DirectoryProperties properties) {
        RedisURI redis = RedisEndpoint.uri(environment);
        return new CachedPractitionerLookup(new PostgresPractitionerLookup(connectionFactory), directoryCacheRedisClient,
                redis, CacheSettings.builder().ttl(properties.cacheTtl()).build());
    }

    /**
     * The directory cache's effect, for operators:
     * {@code idp_directory_cache_total{result=memory_hit|hit|miss|redis_failure}}.
     */
    @Bean
    MeterBinder directoryCacheMetrics(CachedPractitionerLookup cached) {
        return registry -> {
            FunctionCounter.builder("idp.directory.cache", cached, CachedPractitionerLookup::memoryHits)
                .tag("result", "memory_hit").description("Directory lookups by cache outcome").register(registry);
            FunctionCounter.builder("idp.directory.cache", cached, CachedPractitionerLookup::hits).tag("result", "hit")
                .description("Directory lookups by cache outcome").register(registry);
            FunctionCounter.builder("idp.directory.cache", cached, CachedPractitionerLookup::misses).tag("result", "miss")
                .description("Directory lookups by cache outcome").register(registry);
            FunctionCounter.builder("idp.directory.cache", cached, CachedPractitionerLookup::redisFailures)
                .tag("result", "redis_failure").description("Directory lookups by cache outcome").register(registry);
        };
    }

    /**
     * The Annuaire Santé API as logins ask it, when its key is set: with a person waiting, one call gets
     * {@code login-timeout} (the directory sync's calls keep ANS's 30 s); health component {@code directoryApi}.
     */
    @Bean
    @Conditional(AnnuaireSanteConfigured.class)
    DirectoryApiStatus directoryApi(DirectoryProperties properties, Clock clock) {
        DirectoryProperties.AnnuaireSante api = properties.annuaireSante();
        return new DirectoryApiStatus(new AnnuaireSanteClient(AnnuaireSanteSettings.builder(api.apiKey())
                .baseUrl(api.baseUrl()).timeout(api.loginTimeout()).maxRetries(0).build()), clock);
    }

    /** What login and userinfo ask: the cached directory, with the API behind it when configured. */
    @Bean
    @Primary
    PractitionerLookup practitionerLookup(CachedPractitionerLookup cached, DirectoryProperties properties,
            ObjectProvider<DirectoryApiStatus> directoryApi) {
        DirectoryApiStatus api = directoryApi.getIfAvailable();
        if (api == null) {
            return cached;
        }
        return new CompositePractitionerLookup(cached, api,
                CompositePractitionerLookup.Fallback.valueOf(properties.annuaireSante().fallback()));
    }

    @Bean
    DirectoryPractitionerVerifier directoryPractitionerVerifier(PractitionerLookup directory) {
        return new DirectoryPractitionerVerifier(directory, new EligibilityRules());
    }

    @Bean
    DirectoryUserInfoClaims directoryUserInfoClaims(PractitionerLookup directory) {
        return new DirectoryUserInfoClaims(directory);
    }
}
