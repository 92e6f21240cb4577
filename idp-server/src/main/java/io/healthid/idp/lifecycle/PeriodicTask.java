package io.healthid.idp.lifecycle;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work a node repeats while it runs: at start-up, then every interval, one run at a time; a failed run is logged and
 * the next one comes as planned. Stops with the application context.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Supplier<Mono<?>> run;
    private volatile Disposable schedule;

    public PeriodicTask(String name, Duration interval, Supplier<Mono<?>> run) {
        this.name = name;
        this.interval = interval;
        this.run = run;
    }

    @Override
    public void start() {
        this.schedule = Flux.interval(Duration.ZERO, this.interval)
            .concatMap(tick -> Mono.defer(this.run).onErrorResume(ex -> {
                logger.warn(this.name + " failed: " + ex.getMessage());
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
