package io.healthid.idp.lifecycle;

import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The first step of a node's shutdown: readiness is already down (Spring Boot sets {@code REFUSING_TRAFFIC} as the
 * context starts closing) and the node keeps serving for {@code idp.shutdown.drain}, so that load balancers polling
 * {@code /actuator/health/readiness} (Kubernetes endpoints, a proxy's health check) stop sending it new logins.
 * Then the web server's graceful shutdown lets the requests in flight finish before the stores close.
 */
final class ReadinessDrain implements ApplicationListener<ContextClosedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(ReadinessDrain.class);

    private final ApplicationAvailability availability;
    private final Duration drain;
    private final Consumer<Duration> serving;

    ReadinessDrain(ApplicationAvailability availability, Duration drain) {
        this(availability, drain, ReadinessDrain::keepServing);
    }

    /** @param serving what the closing thread does for the drain period while the web server keeps serving */
    ReadinessDrain(ApplicationAvailability availability, Duration drain, Consumer<Duration> serving) {
        this.availability = availability;
        this.drain = drain;
        this.serving = serving;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        // a command's context (directory import, keys ...) serves nobody: it ends at once; the management port's
        // child context closes inside the main one's close, whose drain already covers it
        if (this.drain.isZero() || this.drain.isNegative()
                || !(event.getApplicationContext() instanceof WebServerApplicationContext)
                || event.getApplicationContext().getParent() != null) {
            return;
        }
        logger.info("Shutting down: readiness is {}, still serving for {} while load balancers take this node out",
                this.availability.getReadinessState(), this.drain);
        this.serving.accept(this.drain);
    }

    private static void keepServing(Duration drain) {
        try {
            Thread.sleep(drain.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
