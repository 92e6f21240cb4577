package io.healthid.idp.audit;

import io.healthid.idp.lifecycle.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The audit trail, its retention and the queries of the operators' console. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    AuditTrail auditTrail(DatabaseClient database, AuditProperties properties, Clock clock, MeterRegistry meters) {
        return new AuditTrail(database, properties, clock, meters);
    }

    @Bean
    AuditBatches<TokenRecord> tokenEventBatches(AuditTrail trail) {
        return trail.tokenEventBatches();
    }

    @Bean
    AuditBatches<AuthenticationRecord> authenticationEventBatches(AuditTrail trail) {
        return trail.authenticationEventBatches();
    }

    /** Rows past the retention go at start-up and every purge interval, on every node (idempotent). */
    @Bean
    PeriodicTask auditRetention(AuditTrail trail, AuditProperties properties) {
        return new PeriodicTask("Audit retention purge", properties.purgeInterval(), () -> trail.purge()
            .doOnNext(removed -> {
                if (removed > 0) {
                    logger.info("Audit retention: {} rows past the retention removed", removed);
                }
            }));
    }

    @Bean
    AuditQueries auditQueries(DatabaseClient database, AuditTrail trail, Clock clock) {
        return new AuditQueries(database, trail, clock);
    }
}
