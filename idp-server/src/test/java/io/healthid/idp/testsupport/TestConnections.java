package io.healthid.idp.testsupport;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The test clients' connections: a new one for every request. A pooled connection the server closes (idle timeout,
 * shutdown of a node) can be handed out again before its close is seen, and the request sent on it then fails with
 * a reset that says nothing about the behaviour under test; a browser would retry it, a test must not need to.
 */
public final class TestConnections {

    private TestConnections() {
    }

    public static ReactorClientHttpConnector connector() {
        return new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection()));
    }
}
