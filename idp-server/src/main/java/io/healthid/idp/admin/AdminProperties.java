package io.healthid.idp.admin;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operators' console ({@code idp.admin.*}) at {@code {base}/admin}: a relying party of this IdP, registered as
 * client {@code clientId} with {@code clientSecret} (listed in {@code idp.clients} with the redirect URI
 * {@code {base}/admin/callback}).
 *
 * @param operators the national identifiers allowed in; nobody when empty
 */
@ConfigurationProperties("idp.admin")
public record AdminProperties(@DefaultValue("true") boolean enabled, @DefaultValue("idp-admin") String clientId,
        String clientSecret, List<String> operators, @DefaultValue("30m") Duration sessionLifetime) {

    public AdminProperties {
        operators = operators == null ? List.of() : List.copyOf(operators);
    }
}
