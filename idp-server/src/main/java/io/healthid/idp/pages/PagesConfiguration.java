package io.healthid.idp.pages;

import java.nio.charset.StandardCharsets;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** The texts of the pages ({@code messages_fr}, {@code messages_en}) and how a request picks its language. */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration {

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setDefaultLocale(PageLocaleResolver.SUPPORTED.get(0));
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /** Named as WebFlux looks it up, on the main listener and the card listener alike. */
    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        return new PageLocaleResolver();
    }
}
