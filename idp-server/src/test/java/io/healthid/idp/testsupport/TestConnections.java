package io.healthid.idp.testsupport;

import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The test clients' connections: pooled, but never kept idle longer than the server keeps them (the test profile's
 * idle timeout is 5 s), so a client never reuses a connection the server has just closed.
 */
public final class TestConnections {

    private static final ConnectionProvider POOL = ConnectionProvider.builder("test-clients")
        .maxIdleTime(Duration.ofSeconds(1))
        .build();

    private TestConnections() {
    }

    public static ReactorClientHttpConnector connector() {
        return new ReactorClientHttpConnector(HttpClient.create(POOL));
    }
}
