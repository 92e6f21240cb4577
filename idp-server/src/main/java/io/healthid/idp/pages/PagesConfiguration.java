package io.healthid.idp.pages;

import io.healthid.idp.settings.IdpProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;

/** The texts of the pages ({@code messages_fr}, {@code messages_en}) and how a request picks its language. */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration {

    /** The template variable holding {@code idp.display-name}. */
    public static final String SERVICE_NAME = "serviceName";

    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setDefaultLocale(PageLocaleResolver.SUPPORTED.get(0));
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    /**
     * The service's name ({@code idp.display-name}) as {@code serviceName} in every template: the header of each page
     * and its title, and the argument of the texts that name the service.
     */
    @Bean
    static BeanPostProcessor serviceNameOnEveryPage(ObjectProvider<IdpProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ThymeleafReactiveViewResolver views) {
                    views.addStaticVariable(SERVICE_NAME, properties.getObject().displayName());
                }
                return bean;
            }
        };
    }

    /** Named as WebFlux looks it up, on the main listener and the card listener alike. */
    @Bean(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    LocaleContextResolver localeContextResolver() {
        return new PageLocaleResolver();
    }
}
