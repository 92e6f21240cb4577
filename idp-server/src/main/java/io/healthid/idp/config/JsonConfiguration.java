package io.healthid.idp.config;

import java.util.List;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's JSON mapper, as Spring Boot builds it (its customizers, {@code spring.jackson.*}), on a stream
 * factory that keeps one buffer recycler per thread. Jackson 3's default pool only refills when a recycler is handed
 * back, and Spring Framework 7.0's {@code AbstractJacksonEncoder} never hands back the one it takes
 * (spring-framework#37058): every JSON answer then allocated about 16 KB of fresh buffers. Jackson 2's default, and
 * safe here: an encoder's buffers are taken and returned on the thread that writes the answer.
 */
@Configuration(proxyBeanMethods = false)
public class JsonConfiguration {

    /** Replaces Spring Boot's builder of the same kind (its {@code @ConditionalOnMissingBean}). */
    @Bean
    @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
    JsonMapper.Builder jsonMapperBuilder(List<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build());
        customizers.forEach(customizer -> customizer.customize(builder));
        return builder;
    }
}
