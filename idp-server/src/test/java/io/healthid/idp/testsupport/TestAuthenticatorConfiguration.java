package io.healthid.idp.testsupport;

import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.settings.Issuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Registers {@link TestAuthenticator} and its route. */
@TestConfiguration(proxyBeanMethods = false)
public class TestAuthenticatorConfiguration {

    @Bean
    TestAuthenticator testAuthenticator(Issuer issuer) {
        return new TestAuthenticator(issuer, AuthMethod.CARD);
    }

    @Bean
    RouterFunction<ServerResponse> testAuthenticatorRoute(TestAuthenticator authenticator, LoginCompletion completion) {
        return RouterFunctions.route().GET(TestAuthenticator.PATH, request -> authenticator.handle(request, completion)).build();
    }
}
