package io.healthid.idp.config;

import io.healthid.idp.protocol.BadInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Hooks;

/**
 * Reactor writes an error that arrives once its subscriber is gone at ERROR. A request body that stopped arriving
 * (the listeners' read timeout) is answered and logged once already, by its endpoint or {@code RequestErrorHandler}:
 * its late copy is said at DEBUG only. Any other dropped error keeps its ERROR line (ADR 0012).
 */
@Configuration(proxyBeanMethods = false)
class DroppedErrorsConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(DroppedErrorsConfiguration.class);

    @Bean
    SmartInitializingSingleton droppedErrorsHook() {
        return () -> Hooks.onErrorDropped(error -> {
            if (BadInput.isTimedOut(error)) {
                logger.debug("Read timeout after the request was answered: {}", error.toString());
            }
            else {
                logger.error("Error dropped after its subscriber ended", error);
            }
        });
    }
}
