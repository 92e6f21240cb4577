package io.healthid.demo.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox ({@code demo.outbox.*}): where the identity provider's e-mails and SMS land in the demo.
 *
 * @param smtpHost the address the embedded SMTP server listens on (loopback: only this machine sends to it)
 * @param smtpPort its port; {@code 0} picks a free one (tests)
 * @param keep how many messages of each kind the outbox keeps, newest first
 */
@ConfigurationProperties("demo.outbox")
public record OutboxProperties(@DefaultValue("127.0.0.1") String smtpHost, @DefaultValue("2525") int smtpPort,
        @DefaultValue("100") int keep) {
}
