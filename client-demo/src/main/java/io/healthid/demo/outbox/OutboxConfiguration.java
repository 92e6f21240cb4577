package io.healthid.demo.outbox;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    EmbeddedSmtpServer embeddedSmtpServer(OutboxProperties properties, Clock clock) {
        return new EmbeddedSmtpServer(properties, clock);
    }

    @Bean
    SmsInbox smsInbox(OutboxProperties properties) {
        return new SmsInbox(properties.keep());
    }

    @Bean
    Outbox outbox(EmbeddedSmtpServer mail, SmsInbox sms) {
        return new Outbox(mail, sms);
    }
}
