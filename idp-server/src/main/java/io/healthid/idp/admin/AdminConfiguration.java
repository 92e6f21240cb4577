package io.healthid.idp.admin;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.healthid.idp.audit.AuditQueries;
import io.healthid.idp.observability.ClientTags;
import io.healthid.idp.observability.EcpsSignals;
import io.healthid.idp.observability.OperationsStatus;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The operators' console at {@code {base}/admin} (ADR 0013); {@code idp.admin.enabled=false} removes it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
@ConditionalOnProperty(name = "idp.admin.enabled", matchIfMissing = true)
public class AdminConfiguration {

    static final String PATH = "/admin";

    @Bean
    RouterFunction<ServerResponse> adminRoutes(AdminProperties properties, ReactiveStringRedisTemplate redis,
            Issuer issuer, IdpProperties idp, AuditQueries audit, OperationsStatus operations, ClientTags clients,
            ObjectProvider<EcpsSignals> ecps, Clock clock) {
        AdminSignIn signIn = new AdminSignIn(properties, new AdminSessions(redis, properties.sessionLifetime()), issuer,
                idp.baseUrl());
        AdminConsole console = new AdminConsole(signIn, audit, operations, clients,
                Optional.ofNullable(ecps.getIfAvailable()), clock);
        return route(GET(PATH), console::dashboard)
            .andRoute(GET(PATH + "/search"), console::search)
            .andRoute(GET(PATH + "/callback"), signIn::callback)
            .andRoute(GET(PATH + "/sign-out"), signIn::signOut)
            .andRoute(GET(PATH + "/signed-out"), request -> Pages.problem(HttpStatus.OK, "admin.signed-out.title",
                    "admin.signed-out.message", null, Map.of("retryUri", PATH)));
    }
}
