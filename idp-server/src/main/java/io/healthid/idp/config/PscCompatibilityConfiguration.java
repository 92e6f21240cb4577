package io.healthid.idp.config;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.protocol.ProtocolErrors;
import io.healthid.idp.protocol.authorize.WalletAlias;
import io.healthid.idp.settings.Issuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** What PSC integrators and operators expect beyond the endpoints: PSC's wallet URL, and refusals counted and logged. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PscCompatibilityConfiguration.WalletProperties.class)
public class PscCompatibilityConfiguration {

    /**
     * {@code idp.wallet.url}: the base URL PSC integrators know as {@code https://wallet.<env>}; its {@code /auth} is an
     * alias of the authorization endpoint. Unset: no alias.
     */
    @ConfigurationProperties("idp.wallet")
    public record WalletProperties(String url) {
    }

    @Bean
    ProtocolErrors protocolErrors(Issuer issuer, CachedRegisteredClientRepository clients, MeterRegistry meters) {
        return new ProtocolErrors(Map.of(
                issuer.route(Issuer.AUTHORIZATION), "authorization",
                issuer.route(Issuer.TOKEN), "token",
                issuer.route(Issuer.USERINFO), "userinfo",
                issuer.route(Issuer.INTROSPECTION), "introspection",
                issuer.route(Issuer.REVOCATION), "revocation",
                issuer.route(Issuer.LOGOUT), "logout"),
                clientId -> clients.findByClientId(clientId) != null, meters);
    }

    @Bean
    @ConditionalOnProperty("idp.wallet.url")
    RouterFunction<ServerResponse> walletAliasRoute(WalletProperties wallet, Issuer issuer) {
        String base = wallet.url().endsWith("/") ? wallet.url().substring(0, wallet.url().length() - 1) : wallet.url();
        String path = URI.create(base).getRawPath() + "/auth";
        WalletAlias alias = new WalletAlias(issuer.url(Issuer.AUTHORIZATION));
        return route(GET(path).or(POST(path)), alias::redirect);
    }
}
