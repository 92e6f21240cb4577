package io.healthid.idp.testsupport;

import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.settings.Issuer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Registers {@link TestAuthenticator} and its route, the server's {@link TestClock}, and a route that fails as a bug
 * would ({@value #FAILURE_PATH}), for the answer to an unexpected error.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestAuthenticatorConfiguration {

    public static final String FAILURE_PATH = "/test-failure";

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

    @Bean
    RouterFunction<ServerResponse> testFailureRoute() {
        return RouterFunctions.route().GET(FAILURE_PATH, request -> Mono.error(new IllegalStateException("a bug"))).build();
    }
}
