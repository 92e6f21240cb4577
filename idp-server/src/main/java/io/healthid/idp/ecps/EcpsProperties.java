package io.healthid.idp.ecps;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-CPS mobile authenticator ({@code idp.ecps.*}): activation, devices, challenges, pushes and their limits.
 *
 * @param enabled offer e-CPS (device API and login)
 * @param activation how activation codes are sent and limited
 * @param sms the HTTP SMS gateway ({@code POST url} with {@code {"to","text"}})
 * @param device version minimums and registration lifetime
 * @param challenge lifetime, clock skew allowed on the phone and push limits
 * @param lock how many denials or bad signatures lock a device, and for how long
 * @param push push gateways
 */
@ConfigurationProperties("idp.ecps")
public record EcpsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Activation activation,
        @DefaultValue Sms sms,
        @DefaultValue Device device,
        @DefaultValue Challenge challenge,
        @DefaultValue Lock lock,
        @DefaultValue Push push) {

    /**
     * @param codeLifetime how long the e-mail and SMS codes are valid
     * @param cardCodeLifetime how long the code shown after a card login is valid (PSC: 90 s)
     * @param mailFrom sender of the activation e-mail
     * @param perPerson activation requests per person and {@code window}
     * @param perAddress activation requests per client address and {@code window}
     * @param window the limits' period
     * @param maxCodeFailures wrong codes before an activation is void
     */
    public record Activation(@DefaultValue("10m") Duration codeLifetime, @DefaultValue("90s") Duration cardCodeLifetime,
            @DefaultValue("no-reply@healthid.local") String mailFrom, @DefaultValue("10") int perPerson,
            @DefaultValue("100") int perAddress, @DefaultValue("1h") Duration window,
            @DefaultValue("5") int maxCodeFailures) {
    }

    /** @param url the gateway's endpoint; none configured: activation by correspondence cannot send its SMS code */
    public record Sms(URI url) {
    }

    /**
     * @param lifetime how long a registration lasts before the phone must be activated again
     * @param minOs minimum operating system version per platform ({@code android}, {@code ios})
     * @param minApp minimum e-CPS app version
     */
    public record Device(@DefaultValue("365d") Duration lifetime, Map<String, String> minOs,
            @DefaultValue("1.0.0") String minApp) {

        public Device {
            // Android 7 and older are refused (psc-profile.md: old Android versions are refused)
            minOs = minOs == null || minOs.isEmpty() ? Map.of("android", "8", "ios", "15") : Map.copyOf(minOs);
        }
    }

    /**
     * @param lifetime how long a person has to answer on the phone
     * @param clockSkew how far a phone's {@code iat} may be from the server's clock, either way
     * @param perPerson pushes per person within {@code window}
     * @param perAddress pushes per client address within {@code window}
     * @param window the push limits' period
     */
    public record Challenge(@DefaultValue("120s") Duration lifetime, @DefaultValue("60s") Duration clockSkew,
            @DefaultValue("5") int perPerson, @DefaultValue("30") int perAddress, @DefaultValue("10m") Duration window) {
    }

    /** @param failures denials or bad signatures within {@code window} that lock the device for {@code duration} */
    public record Lock(@DefaultValue("5") int failures, @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration duration) {
    }

    /**
     * @param webhookHosts hosts a webhook push may go to; unset: loopback in embedded mode, none otherwise
     * @param fcm Firebase Cloud Messaging HTTP v1
     */
    public record Push(List<String> webhookHosts, @DefaultValue Fcm fcm, @DefaultValue("5s") Duration timeout) {
    }

    /**
     * @param projectId the Firebase project; blank: FCM pushes are refused at registration
     * @param baseUrl FCM's API root
     * @param credentials the service account JSON file (its {@code client_email}, {@code private_key}, {@code token_uri})
     */
    public record Fcm(@DefaultValue("") String projectId, @DefaultValue("https://fcm.googleapis.com") URI baseUrl,
            Path credentials) {

        public boolean enabled() {
            return !this.projectId.isBlank() && this.credentials != null;
        }
    }
}
