package io.healthid.idp.scale;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a node its own Reactor Netty event loops and connection pool. By default every context of a JVM shares the
 * global ones and disposes them when it closes: stopping one node would stop the others' servers too, which separate
 * processes (real replicas) never do.
 */
@TestConfiguration(proxyBeanMethods = false)
class NodeResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
