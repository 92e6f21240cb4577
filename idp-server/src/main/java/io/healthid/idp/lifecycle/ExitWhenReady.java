package io.healthid.idp.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * {@code idp.exit-when-ready=true}: a complete start (stores, migrations, keys, listeners), then the same stop as
 * Ctrl-C, exit status 0. The build's class-data-sharing training run uses it (ADR 0016); an operator can use it to
 * check that a configuration starts.
 */
@Component
@ConditionalOnBooleanProperty("idp.exit-when-ready")
class ExitWhenReady implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(ExitWhenReady.class);

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        logger.info("Ready; stopping as idp.exit-when-ready asks");
        System.exit(SpringApplication.exit(event.getApplicationContext()));
    }
}
