package io.healthid.idp.testsupport;

import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.settings.Issuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Registers {@link TestAuthenticator} and its route, and the server's {@link TestClock}. */
@TestConfiguration(proxyBeanMethods = false)
public class TestAuthenticatorConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    TestAuthenticator testAuthenticator(Issuer issuer) {
        return new TestAuthenticator(issuer);
    }

    @Bean
    RouterFunction<ServerResponse> testAuthenticatorRoute(TestAuthenticator authenticator, LoginCompletion completion) {
        return RouterFunctions.route().GET(TestAuthenticator.PATH, request -> authenticator.handle(request, completion)).build();
    }
}
