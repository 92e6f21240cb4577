package io.healthid.demo.phone;

import io.healthid.demo.settings.DemoProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
public class PhoneConfiguration {

    @Bean
    Phones phones() {
        return new Phones();
    }

    /** Its own client: the phone's calls are not the relying party's, and stay out of the login trace. */
    @Bean
    DeviceApi deviceApi(DemoProperties demo, PhoneProperties properties, JsonMapper json) {
        return new DeviceApi(WebClient.create(), demo.issuer(), json, properties.timeout());
    }

    @Bean
    PhoneActivation phoneActivation(DeviceApi api, Phones phones, DemoProperties demo) {
        return new PhoneActivation(api, phones, demo.baseUrl() + PushReceiver.PATH);
    }

    @Bean
    NotificationReader notificationReader(DeviceApi api, Clock clock) {
        return new NotificationReader(api, clock);
    }

    @Bean
    PhoneAnswers phoneAnswers(DeviceApi api, Clock clock) {
        return new PhoneAnswers(api, clock, Schedulers.parallel());
    }
}
