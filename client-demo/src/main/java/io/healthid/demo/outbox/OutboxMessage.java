package io.healthid.demo.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * A message the identity provider sent: an e-mail (with its subject) or an SMS.
 *
 * @param channel e-mail or SMS
 * @param to the address or the mobile number
 * @param subject the e-mail's subject, empty for an SMS
 * @param text the body as the person reads it
 * @param receivedAt when the demo received it
 */
public record OutboxMessage(Channel channel, String to, String subject, String text, Instant receivedAt) {

    public enum Channel { EMAIL, SMS }

    /** The code the person must type, when the text holds exactly one (e-CPS activation codes: six digits). */
    public Optional<String> code() {
        return ActivationCode.in(this.text);
    }
}
