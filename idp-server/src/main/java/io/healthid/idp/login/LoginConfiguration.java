package io.healthid.idp.login;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.authorization.RedisOAuth2AuthorizationService;
import io.healthid.idp.client.CachedRegisteredClientRepository;
import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.authorize.AuthorizationEndpoint;
import io.healthid.idp.session.LoginSessionStore;
import io.healthid.idp.session.LoginTransactionStore;
import io.healthid.idp.session.SessionCookies;
import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The login page and where every authenticator ends; its routes under the issuer. */
@Configuration(proxyBeanMethods = false)
public class LoginConfiguration {

    @Bean
    LoginCompletion loginCompletion(LoginTransactionStore transactions, LoginSessionStore sessions, SessionCookies cookies,
            AuthorizationEndpoint authorizationEndpoint, AuthenticationEvents events,
            ObjectProvider<PractitionerVerifier> verifier, Issuer issuer, Clock clock) {
        return new LoginCompletion(transactions, sessions, cookies, authorizationEndpoint, events,
                Optional.ofNullable(verifier.getIfAvailable()), issuer, clock);
    }

    @Bean
    LogoutEverywhere logoutEverywhere(LoginSessionStore sessions, RedisOAuth2AuthorizationService authorizations,
            ProtocolCore core) {
        return new LogoutEverywhere(sessions, authorizations, core);
    }

    @Bean
    LoginPage loginPage(LoginTransactionStore transactions, List<Authenticator> authenticators,
            CachedRegisteredClientRepository clients, Issuer issuer, AuthenticationEvents events, Clock clock) {
        return new LoginPage(transactions, authenticators, clients, issuer, events, clock);
    }

    @Bean
    RouterFunction<ServerResponse> loginRoutes(Issuer issuer, LoginPage loginPage) {
        return route(GET(issuer.route(Issuer.LOGIN)), loginPage::show)
            .andRoute(GET(issuer.route(LoginPage.CANCEL)), loginPage::cancel);
    }
}
