package io.healthid.idp.pki;

import io.healthid.idp.settings.IdpProperties;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Begins loading or creating the embedded test PKI as the context is prepared, on a thread of its own (issue 9): a
 * first start generates its three CA keys, about a second of CPU, while Spring reads the bean definitions and creates
 * the other beans, instead of when the first bean needs the PKI. The {@link EmbeddedPki} bean waits for it. Applies
 * where {@link EmbeddedPkiConfiguration} does: with the embedded database.
 */
public final class EmbeddedPkiStart implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The PKI being loaded or created. */
    public static final class Started {

        private final CompletableFuture<EmbeddedPki> pki;

        Started(CompletableFuture<EmbeddedPki> pki) {
            this.pki = pki;
        }

        /** Waits for the PKI; fails as its creation failed. */
        EmbeddedPki pki() {
            try {
                return this.pki.join();
            }
            catch (CompletionException ex) {
                throw ex.getCause() instanceof RuntimeException failure ? failure : ex;
            }
        }
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment environment = context.getEnvironment();
        if (!environment.getProperty("idp.embedded.postgres", Boolean.class, false)) {
            return;
        }
        Path directory = Path.of(environment.getRequiredProperty("idp.embedded.data-dir")).resolve("pki");
        URI baseUrl = URI.create(Binder.get(environment).bindOrCreate("idp", IdpProperties.class).baseUrl());
        CompletableFuture<EmbeddedPki> pki = new CompletableFuture<>();
        // not a daemon: a PKI half saved when the JVM exits would not load at the next start
        new Thread(() -> {
            // one at a time: a context whose start-up failed may leave its creation running when the next one begins
            synchronized (EmbeddedPkiStart.class) {
                try {
                    pki.complete(EmbeddedPki.loadOrCreate(directory, TestPki.builder().baseUrl(baseUrl)));
                }
                catch (RuntimeException | Error ex) {
                    pki.completeExceptionally(ex);
                }
            }
        }, "embedded-pki-start").start();
        context.getBeanFactory().registerSingleton(Started.class.getName(), new Started(pki));
    }
}
