package io.healthid.idp.config;

import io.healthid.idp.mtls.listener.ListenerLimits;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The management listener ({@code management.server.port}) is a server of its own, built in a child context that
 * sees none of the main listener's customizers: it gets the same idle, read and request timeouts and connection cap
 * here, so an idle or dripping socket is closed there too (ADR 0012).
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@Conditional(ManagementListenerLimits.InManagementContext.class)
class ManagementListenerLimits {

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> managementListenerLimits(ListenerLimits limits) {
        return factory -> factory.addServerCustomizers(limits::apply);
    }

    /** Component scanning finds this class in the main context too, whose listener has its limits already. */
    static final class InManagementContext implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getBeanFactory() != null && context.getBeanFactory().getParentBeanFactory() != null;
        }
    }
}
