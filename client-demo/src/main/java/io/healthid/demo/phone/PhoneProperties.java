package io.healthid.demo.phone;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The phone simulator ({@code demo.phone.*}).
 *
 * @param baseUrl where the simulator (and the outbox) are served: another host name than the relying party's
 *        ({@code 127.0.0.1} beside {@code localhost}), so the phone shares no cookie with it, as a real phone would not;
 *        a phone request must never touch the relying party's session while a login changes its id
 * @param cardActivationUrl the identity provider's card activation page (on its card listener), linked from the
 *        simulator: a card login there shows the code a phone activates with
 * @param timeout how long a call to the device API may take
 */
@ConfigurationProperties("demo.phone")
public record PhoneProperties(
        String baseUrl,
        @DefaultValue("https://localhost:8443/auth/realms/esante-wallet/ecps/activation") String cardActivationUrl,
        @DefaultValue("10s") Duration timeout) {
}
