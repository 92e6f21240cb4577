package io.healthid.idp.login.card;

import io.healthid.idp.authn.card.CardAuthenticator;
import io.healthid.idp.authn.card.CardCertificateValidator;
import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.settings.Issuer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/** The card login route, {@code GET {issuer}/login-actions/card}, served on every listener. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "idp.card.enabled", matchIfMissing = true)
public class CardLoginConfiguration {

    @Bean
    RouterFunction<ServerResponse> cardLoginRoutes(CardAuthenticator authenticator,
            PresentedCertificateConverter certificates, CardCertificateValidator validator, LoginCompletion completion,
            Issuer issuer) {
        CardLoginEndpoint login = new CardLoginEndpoint(authenticator, certificates, validator, completion,
                Schedulers.boundedElastic(), issuer.url(Issuer.LOGIN));
        return RouterFunctions.route().GET(issuer.route(CardAuthenticator.LOGIN_PATH), login::login).build();
    }
}
