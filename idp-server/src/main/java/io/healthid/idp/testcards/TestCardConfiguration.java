package io.healthid.idp.testcards;

import io.healthid.idp.claims.DirectoryClaims;
import io.healthid.idp.pki.EmbeddedPki;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The test card endpoint, on exactly when the card authenticator trusts the embedded test PKI: embedded stores (where
 * that PKI is created), the card authenticator on, and no configured IGC-Santé trust anchors. Also off with
 * {@code idp.test-cards.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${idp.embedded.postgres:false}' == 'true' and ${idp.card.enabled:true}"
        + " and '${idp.card.trust-anchors:}' == '' and ${idp.test-cards.enabled:true}")
public class TestCardConfiguration {

    @Bean
    RouterFunction<ServerResponse> testCardRoutes(EmbeddedPki pki, DirectoryClaims directory, Environment environment) {
        TestCardEndpoint endpoint = new TestCardEndpoint(
                new TestCardIssuer(pki, environment.getProperty("idp.test-cards.password", "carte-test")), directory);
        return RouterFunctions.route()
            .GET(TestCardEndpoint.BASE, endpoint::index)
            .GET(TestCardEndpoint.BASE + "/root.pem", endpoint::root)
            .GET(TestCardEndpoint.BASE + "/{idNat}.p12", endpoint::card)
            .build();
    }
}
