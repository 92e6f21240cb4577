package io.healthid.demo.config;

import io.healthid.demo.nomenclature.Nomenclatures;
import java.time.Clock;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.server.i18n.LocaleContextResolver;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

    /** The bean name WebFlux looks up. */
    @Bean
    LocaleContextResolver localeContextResolver() {
        return new LanguageResolver();
    }

    /** messages_fr and messages_en; French when nothing else matches. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(Locale.FRENCH);
        return messages;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Nomenclatures nomenclatures() {
        return new Nomenclatures();
    }
}
