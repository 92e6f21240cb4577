package io.healthid.idp.audit;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The audit trail, its retention and the queries of the operators' console. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(DatabaseClient database, AuditProperties properties, Clock clock, MeterRegistry meters) {
        return new AuditTrail(database, properties, clock, meters);
    }

    @Bean
    AuditRetention auditRetention(AuditTrail trail, AuditProperties properties) {
        return new AuditRetention(trail, properties.purgeInterval());
    }

    @Bean
    AuditQueries auditQueries(DatabaseClient database, Clock clock) {
        return new AuditQueries(database, clock);
    }
}
