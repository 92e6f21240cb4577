package io.healthid.idp.scale;

import io.healthid.idp.IdpApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One IdP node: the real application in its own Spring context on its own port, configured like a replica (shared
 * PostgreSQL and Redis named by URL, no card listener: certificates come from the front proxy). Several nodes run in
 * one JVM and share nothing but the stores, as replicas do.
 */
final class IdpNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Map<String, String> properties;
    private final Class<?>[] sources;
    private ConfigurableApplicationContext context;

    private IdpNode(String name, int port, Map<String, String> properties, Class<?>[] sources) {
        this.name = name;
        this.port = port;
        this.properties = properties;
        this.sources = sources;
    }

    /**
     * Starts a node on a free port with the cluster-wide properties plus its own (its issuer is its own URL unless
     * {@code idp.base-url} names the load balancer), and any test configuration classes.
     */
    static IdpNode start(String name, Map<String, String> clusterProperties, Class<?>... testConfigurations) {
        int port = LoopbackPorts.free();
        Map<String, String> properties = new LinkedHashMap<>(clusterProperties);
        properties.put("server.port", Integer.toString(port));
        // each node its own management listener (health, metrics), as on separate hosts
        properties.put("management.server.port", Integer.toString(LoopbackPorts.free()));
        properties.putIfAbsent("idp.base-url", "http://localhost:" + port);
        Class<?>[] sources = new Class<?>[testConfigurations.length + 2];
        sources[0] = IdpApplication.class;
        sources[1] = NodeResources.class;
        System.arraycopy(testConfigurations, 0, sources, 2, testConfigurations.length);
        IdpNode node = new IdpNode(name, port, properties, sources);
        node.start();
        return node;
    }

    private void start() {
        // command-line arguments: above application-test.yml, as an operator's environment would be
        String[] args = this.properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
        this.context = new SpringApplicationBuilder(this.sources).profiles("test").run(args);
    }

    String name() {
        return this.name;
    }

    int port() {
        return this.port;
    }

    /** The management listener's URL (actuator). */
    String managementUrl() {
        return "http://127.0.0.1:" + this.properties.get("management.server.port");
    }

    String address() {
        return "127.0.0.1:" + this.port;
    }

    String url() {
        return "http://localhost:" + this.port;
    }

    <T> T bean(Class<T> type) {
        return this.context.getBean(type);
    }

    ConfigurableApplicationContext context() {
        return this.context;
    }

    boolean isRunning() {
        return this.context != null && this.context.isActive();
    }

    /** Stops the node the way Kubernetes does: the context closes (graceful shutdown), the port goes away. */
    void stop() {
        if (isRunning()) {
            this.context.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
