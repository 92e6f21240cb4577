package io.healthid.demo.phone;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The phone simulator ({@code demo.phone.*}).
 *
 * @param cardActivationUrl the identity provider's card activation page (on its card listener), linked from the
 *        simulator: a card login there shows the code a phone activates with
 * @param timeout how long a call to the device API may take
 */
@ConfigurationProperties("demo.phone")
public record PhoneProperties(
        @DefaultValue("https://localhost:8443/auth/realms/esante-wallet/ecps/activation") String cardActivationUrl,
        @DefaultValue("10s") Duration timeout) {
}
