package io.healthid.idp.settings;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may introspect tokens issued to other clients ({@code idp.introspection.allowed-clients}): resource servers,
 * named by client id. Every other client introspects only its own tokens; anything else is
 * {@code {"active": false}} (RFC 7662 2.2, 4: a token's claims are not for any authenticated client to read).
 */
@ConfigurationProperties("idp.introspection")
public record IntrospectionProperties(List<String> allowedClients) {

    public IntrospectionProperties {
        allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
    }

    public Set<String> allowed() {
        return Set.copyOf(this.allowedClients);
    }
}
