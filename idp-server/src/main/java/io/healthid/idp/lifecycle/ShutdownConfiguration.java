package io.healthid.idp.lifecycle;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How a node stops without losing a login: readiness down, a drain period ({@code idp.shutdown.drain}, 0 by default:
 * set it to the load balancer's probe period), then Spring Boot's graceful shutdown ({@code server.shutdown=graceful},
 * bounded by {@code spring.lifecycle.timeout-per-shutdown-phase}).
 */
@Configuration(proxyBeanMethods = false)
public class ShutdownConfiguration {

    @Bean
    ReadinessDrain readinessDrain(ApplicationAvailability availability,
            @Value("${idp.shutdown.drain:0s}") Duration drain) {
        return new ReadinessDrain(availability, drain);
    }
}
