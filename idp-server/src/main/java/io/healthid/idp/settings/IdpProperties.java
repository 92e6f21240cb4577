package io.healthid.idp.settings;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity provider's settings ({@code idp.*}). Defaults are PSC's (psc-profile.md): access token 120 s, refresh
 * token 30 min, SSO session 4 h absolute and 30 min idle.
 *
 * @param baseUrl public URL of this server, without the {@code /auth/realms/...} part
 * @param realm realm name in the issuer path (PSC: {@code esante-wallet})
 * @param subjectProviderId the UUID in PSC-shaped subjects {@code f:<uuid>:<idNat>}; derived from the issuer when blank
 * @param session SSO session lifetimes
 * @param tokens default token lifetimes (clients may override)
 * @param clients clients seeded into the database at start-up
 * @param displayName the service's name on every page people see (title and header)
 */
@ConfigurationProperties("idp")
public record IdpProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("esante-wallet") String realm,
        @DefaultValue("") String subjectProviderId,
        @DefaultValue Session session,
        @DefaultValue Tokens tokens,
        @DefaultValue Limits limits,
        List<ClientDefinition> clients,
        @DefaultValue("Pro Santé Connect") String displayName) {

    public IdpProperties {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    /** {@code absolute}: from login; {@code idle}: since the last use. */
    public record Session(@DefaultValue("4h") Duration absolute, @DefaultValue("30m") Duration idle,
            @DefaultValue("15m") Duration loginTimeout) {
    }

    public record Tokens(@DefaultValue("120s") Duration access, @DefaultValue("30m") Duration refresh,
            @DefaultValue("60s") Duration authorizationCode) {
    }

    /** Bounds on what a request may carry: anything larger is refused before it is read further. */
    public record Limits(@DefaultValue("2048") int maxParameterLength, @DefaultValue("64") int maxParameters) {
    }
}
