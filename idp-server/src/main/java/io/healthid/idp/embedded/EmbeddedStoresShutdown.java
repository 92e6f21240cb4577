package io.healthid.idp.embedded;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * When the embedded stores stop (ADR 0007): once Spring Boot has closed this JVM's application contexts, so that a
 * SIGTERM's drain and graceful shutdown finish their requests against live stores. A plain JVM shutdown hook would run
 * beside Spring Boot's and stop them first. Registered when the application is prepared, after logging's own shutdown
 * handler: Spring Boot runs the last registered first, so what the stores say while stopping is still logged.
 */
final class EmbeddedStoresShutdown implements ApplicationListener<ApplicationPreparedEvent> {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        if (REGISTERED.compareAndSet(false, true)) {
            SpringApplication.getShutdownHandlers().add(EmbeddedStoresShutdown::stopStores);
        }
    }

    private static void stopStores() {
        EmbeddedRedisServer.stop();
        EmbeddedPostgresServer.stop();
    }
}
