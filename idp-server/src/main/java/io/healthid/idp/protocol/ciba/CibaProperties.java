package io.healthid.idp.protocol.ciba;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CIBA ({@code idp.ciba.*}); which clients may use it is per client (the {@code urn:openid:params:grant-type:ciba}
 * grant and its delivery mode).
 *
 * @param interval minimum time between two polls (PSC: 1 s); faster polls get {@code slow_down}
 * @param maxBindingMessage longest binding message shown on the phone
 */
@ConfigurationProperties("idp.ciba")
public record CibaProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration interval,
        @DefaultValue("64") int maxBindingMessage) {
}
