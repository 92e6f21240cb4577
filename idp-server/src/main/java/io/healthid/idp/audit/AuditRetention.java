package io.healthid.idp.audit;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Purges the audit trail past its retention, at start-up and then every purge interval, on every node (idempotent). */
public class AuditRetention implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditTrail trail;
    private final Duration interval;
    private volatile Disposable schedule;

    public AuditRetention(AuditTrail trail, Duration interval) {
        this.trail = trail;
        this.interval = interval;
    }

    @Override
    public void start() {
        this.schedule = Flux.interval(Duration.ZERO, this.interval)
            .concatMap(tick -> this.trail.purge()
                .doOnNext(removed -> {
                    if (removed > 0) {
                        logger.info("Audit retention: {} rows past the retention removed", removed);
                    }
                })
                .onErrorResume(ex -> {
                    logger.warn("Audit retention purge failed: " + ex.getMessage());
                    return Mono.empty();
                }))
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = this.schedule;
        if (running != null) {
            running.dispose();
        }
        this.schedule = null;
    }

    @Override
    public boolean isRunning() {
        return this.schedule != null;
    }
}
