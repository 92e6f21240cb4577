package io.healthid.idp.embedded;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Where the context waits for the embedded stores starting on their own threads (ADR 0007, start-up in parallel):
 * once the bean definitions are read, which the stores' start overlaps, and before any bean is created, so that no
 * bean can reach a store that does not answer yet, whatever it does in its constructor. A store that failed to start
 * fails the start-up here with its own exception, as it did when it started first.
 */
final class EmbeddedStoresGate implements BeanFactoryPostProcessor {

    private final List<CompletableFuture<Void>> starts;

    EmbeddedStoresGate(List<CompletableFuture<Void>> starts) {
        this.starts = List.copyOf(starts);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (CompletableFuture<Void> start : this.starts) {
            try {
                start.join();
            }
            catch (CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (ex.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw ex;
            }
        }
    }
}
