package io.healthid.idp.protocol.clientauth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client secret verification (ADR 0010).
 *
 * @param failuresPerClient slow verifications that may fail for one client id within {@code failureWindow}, across
 *     all nodes; past it, secrets not already verified are refused with {@code RATE_LIMITED}
 * @param failuresPerAddress the same for one remote address, whatever client id it tries
 * @param failureWindow the window after which the whole allowance is restored
 * @param rememberedSecrets how many verified secrets a node remembers
 * @param rememberFor how long a verified secret is remembered before the slow hash runs again
 */
@ConfigurationProperties("idp.client-secrets")
public record ClientSecretProperties(
        @DefaultValue("10") int failuresPerClient,
        @DefaultValue("30") int failuresPerAddress,
        @DefaultValue("1m") Duration failureWindow,
        @DefaultValue("10000") long rememberedSecrets,
        @DefaultValue("1h") Duration rememberFor) {
}
