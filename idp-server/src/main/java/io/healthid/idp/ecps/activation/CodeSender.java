package io.healthid.idp.ecps.activation;

import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.model.ReasonCode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the two activation codes: one by e-mail (SMTP through Spring's {@link JavaMailSender}, {@code spring.mail.*}),
 * one by SMS through the HTTP gateway ({@code POST idp.ecps.sms.url {"to","text"}}). Each text holds its code as its
 * only run of digits. Neither the codes nor the addresses are logged.
 */
public class CodeSender {

    private static final Logger logger = LoggerFactory.getLogger(CodeSender.class);

    private final JavaMailSender mail;
    private final String from;
    private final WebClient sms;
    private final URI smsUrl;
    private final MessageSource messages;
    private final Duration timeout;

    public CodeSender(JavaMailSender mail, String from, WebClient sms, URI smsUrl, MessageSource messages, Duration timeout) {
        this.mail = mail;
        this.from = from;
        this.sms = sms;
        this.smsUrl = smsUrl;
        this.messages = messages;
        this.timeout = timeout;
    }

    public Mono<Void> sendEmail(String to, String code, Duration lifetime, Locale locale) {
        if (this.mail == null) {
            logger.warn("No SMTP server configured (spring.mail.host): an activation e-mail cannot be sent");
            return Mono.error(new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE));
        }
        return Mono.fromRunnable(() -> {
                MimeMessage message = this.mail.createMimeMessage();
                try {
                    MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
                    helper.setFrom(this.from);
                    helper.setTo(to);
                    helper.setSubject(this.messages.getMessage("ecps.activation.mail.subject", null, locale));
                    helper.setText(text("ecps.activation.mail.text", code, lifetime, locale));
                }
                catch (MessagingException ex) {
                    throw new IllegalStateException(ex);
                }
                this.mail.send(message);
            })
            .subscribeOn(Schedulers.boundedElastic())
            .timeout(this.timeout)
            .onErrorMap(ex -> !(ex instanceof EcpsRefusal), ex -> {
                logger.warn("Activation e-mail not delivered: {}", ex.getClass().getSimpleName());
                return new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE);
            })
            .then();
    }

    public Mono<Void> sendSms(String to, String code, Duration lifetime, Locale locale) {
        if (this.smsUrl == null) {
            logger.warn("No SMS gateway configured (idp.ecps.sms.url): an activation SMS cannot be sent");
            return Mono.error(new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE));
        }
        return this.sms.post().uri(this.smsUrl)
            .bodyValue(Map.of("to", to, "text", text("ecps.activation.sms.text", code, lifetime, locale)))
            .retrieve()
            .toBodilessEntity()
            .timeout(this.timeout)
            .onErrorMap(ex -> {
                logger.warn("Activation SMS not delivered: {}", ex.getClass().getSimpleName());
                return new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE);
            })
            .then();
    }

    private String text(String key, String code, Duration lifetime, Locale locale) {
        // the lifetime in minutes has at most a few digits: the code stays the only run of six
        return this.messages.getMessage(key, new Object[] { code, Long.toString(Math.max(1, lifetime.toMinutes())) }, locale);
    }
}
