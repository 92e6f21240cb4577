package io.healthid.idp.embedded;

import io.healthid.idp.redis.RedisEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Architecture decision 3: with no database or Redis configured, start real embedded ones and point Spring's
 * R2DBC, Flyway and Redis settings at them. A configured {@code spring.r2dbc.url} or Redis (URL, sentinels, cluster)
 * (or {@code idp.embedded.enabled=false}) switches the embedded server off. The process that starts them owns the
 * data directory (ADR 0007): a second server on it is refused; a command ({@code idp.embedded.join-running-server})
 * uses the owner's PostgreSQL. They start on threads of their own while Spring reads the bean definitions, and no bean
 * is created before they answer ({@link EmbeddedStoresGate}). They stop once the application's contexts have closed
 * ({@link EmbeddedStoresShutdown}).
 */
public class EmbeddedStoresEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Where the embedded stores, keys and test PKI live: {@code idp.data-dir}, {@code ./.idp-data} by default. */
    public static final String DATA_DIR = "idp.data-dir";
    public static final String DEFAULT_DATA_DIR = "./.idp-data";

    static final String SOURCE_NAME = "idpEmbeddedStores";

    private static Path ephemeralDirectory;

    private final Log log;

    public EmbeddedStoresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedStoresEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        // logging starts after this: what the stores say (leftovers stopped, where they run) is replayed then
        StoreLog.deferredTo(this.log, () -> {
            embeddedStores(environment, application);
            return null;
        });
    }

    private void embeddedStores(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> derived = flywayFromR2dbc(environment);
        if (!derived.isEmpty()) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME + "Flyway", derived));
        }
        if (!environment.getProperty("idp.embedded.enabled", Boolean.class, true)) {
            return;
        }
        Path dataDirectory = dataDirectory(environment);
        Map<String, Object> properties = new LinkedHashMap<>();
        // the stores start on their own threads while the context is built; its beans wait for them (ADR 0007)
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        boolean durable = environment.getProperty("idp.embedded.durable", Boolean.class, true);
        if (!environment.containsProperty("spring.r2dbc.url")) {
            int port;
            if (environment.getProperty("idp.embedded.join-running-server", Boolean.class, false)) {
                port = EmbeddedPostgresServer.sharedPort(dataDirectory, durable);
            }
            else {
                BackgroundStart.Starting<Integer> postgres = EmbeddedPostgresServer.startInBackground(dataDirectory,
                        durable);
                port = postgres.address();
                starts.add(postgres.started());
            }
            String host = "localhost:" + port + "/" + EmbeddedPostgresServer.DATABASE;
            properties.put("spring.r2dbc.url", "r2dbc:postgresql://" + host);
            properties.put("spring.r2dbc.username", EmbeddedPostgresServer.USER);
            properties.put("spring.r2dbc.password", "");
            properties.put("spring.flyway.url", "jdbc:postgresql://" + host);
            properties.put("spring.flyway.user", EmbeddedPostgresServer.USER);
            properties.put("spring.flyway.password", "");
            properties.put("idp.embedded.postgres", true);
        }
        if (!RedisEndpoint.isConfigured(environment)
                && environment.getProperty("idp.embedded.redis.enabled", Boolean.class, true)) {
            BackgroundStart.Starting<String> redis = EmbeddedRedisServer.startInBackground(dataDirectory,
                    environment.getProperty("idp.embedded.redis.executable"));
            properties.put("spring.data.redis.url", redis.address());
            properties.put("idp.embedded.redis", true);
            starts.add(redis.started());
        }
        if (!properties.isEmpty()) {
            properties.put("idp.embedded.data-dir", dataDirectory.toString());
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, properties));
            application.addListeners(new EmbeddedStoresShutdown());
            application.addInitializers(context -> context.addBeanFactoryPostProcessor(new EmbeddedStoresGate(starts)));
        }
    }

    /**
     * An operator configures the database once, as {@code spring.r2dbc.url}: migrations (Flyway, JDBC) use the same
     * server and credentials unless {@code spring.flyway.url} says otherwise.
     */
    static Map<String, Object> flywayFromR2dbc(ConfigurableEnvironment environment) {
        String r2dbc = environment.getProperty("spring.r2dbc.url");
        if (r2dbc == null || environment.containsProperty("spring.flyway.url") || !r2dbc.startsWith("r2dbc:")) {
            return Map.of();
        }
        String withoutScheme = r2dbc.substring("r2dbc:".length()).replaceFirst("^pool:", "");
        int query = withoutScheme.indexOf('?');
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.flyway.url", "jdbc:" + (query < 0 ? withoutScheme : withoutScheme.substring(0, query)));
        String user = environment.getProperty("spring.r2dbc.username");
        if (user != null) {
            properties.put("spring.flyway.user", user);
            properties.put("spring.flyway.password", environment.getProperty("spring.r2dbc.password", ""));
        }
        return properties;
    }

    private static Path dataDirectory(ConfigurableEnvironment environment) {
        try {
            if (environment.getProperty("idp.embedded.ephemeral", Boolean.class, false)) {
                // tests: one fresh directory per JVM, shared by all its contexts like the servers themselves
                synchronized (EmbeddedStoresEnvironmentPostProcessor.class) {
                    if (ephemeralDirectory == null) {
                        ephemeralDirectory = Files.createTempDirectory("idp-data-");
                    }
                    return ephemeralDirectory;
                }
            }
            Path path = Path.of(environment.getProperty(DATA_DIR, DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
            // signing keys, the key-encryption key, the test PKI's keys, the stores: the owner's only
            OwnerOnly.directory(path);
            return path;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the data directory", ex);
        }
    }
}
