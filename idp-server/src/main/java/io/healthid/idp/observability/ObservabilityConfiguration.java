package io.healthid.idp.observability;

import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.lifecycle.PeriodicTask;
import io.healthid.idp.settings.ClientDefinition;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.x509.CrlStatusBoard;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * The signals operators read: the correlation id on every request (and in the MDC of every log line it causes),
 * bounded client labels, token events and the operations gauges.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    private static final Duration STATUS_REFRESH = Duration.ofSeconds(30);

    /**
     * Spring Security's observations (filter chain, authentications, authorizations) feed no dashboard, alert or
     * console query, and wrapped every security filter of every request; {@code http_server_requests_seconds} is
     * WebFlux's own observation and stays.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    CorrelationIdFilter correlationIdFilter() {
        return new CorrelationIdFilter();
    }

    @Bean
    ClientTags clientTags(IdpProperties properties) {
        return new ClientTags(properties.clients().stream().map(ClientDefinition::clientId).toList());
    }

    @Bean
    TokenEvents tokenEvents(MeterRegistry meters, AuditTrail audit, ClientTags clients, Clock clock) {
        return new TokenEvents(meters, audit, clients, clock);
    }

    @Bean
    OperationsStatus operationsStatus(DatabaseClient database, ObjectProvider<CrlStatusBoard> crls,
            KeyProperties keys, Clock clock, MeterRegistry meters) {
        return new OperationsStatus(database, Optional.ofNullable(crls.getIfAvailable()), keys.rotationPeriod(), clock,
                meters);
    }

    /** The gauges' snapshot, read in the background so that a scrape never waits for PostgreSQL. */
    @Bean
    PeriodicTask operationsStatusRefresh(OperationsStatus status) {
        return new PeriodicTask("Operations status refresh", STATUS_REFRESH, status::refresh);
    }
}
