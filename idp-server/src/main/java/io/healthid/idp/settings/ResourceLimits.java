package io.healthid.idp.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one caller may hold of the server ({@code idp.resources.*}), on both listeners: a connection idle longer than
 * {@code idleTimeout} is closed, a request that sends nothing for {@code readTimeout} or is not complete within
 * {@code requestTimeout} is dropped (a dripping client holds no socket for long), and past {@code maxConnections}
 * new connections are refused. {@code loginTransactionsPerMinute} bounds the login transactions one address opens.
 */
@ConfigurationProperties("idp.resources")
public record ResourceLimits(
        @DefaultValue("30s") Duration idleTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration requestTimeout,
        @DefaultValue("4096") int maxConnections,
        @DefaultValue("30") int loginTransactionsPerMinute) {
}
