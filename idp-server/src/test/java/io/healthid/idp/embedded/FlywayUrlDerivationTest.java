package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** One database setting for the operator: the migrations follow {@code spring.r2dbc.url}. */
class FlywayUrlDerivationTest {

    @Test
    void flywayWhenOnlyR2dbcConfiguredThenSameServerAndCredentials() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.r2dbc.url", "r2dbc:postgresql://db.internal:5433/idp?sslMode=require")
            .withProperty("spring.r2dbc.username", "idp")
            .withProperty("spring.r2dbc.password", "pw");
        assertThat(EmbeddedStoresEnvironmentPostProcessor.flywayFromR2dbc(environment))
            .containsEntry("spring.flyway.url", "jdbc:postgresql://db.internal:5433/idp")
            .containsEntry("spring.flyway.user", "idp")
            .containsEntry("spring.flyway.password", "pw");
    }

    @Test
    void flywayWhenConfiguredExplicitlyThenLeftAlone() {
        MockEnvironment environment = new MockEnvironment()
            .withProperty("spring.r2dbc.url", "r2dbc:postgresql://a/b")
            .withProperty("spring.flyway.url", "jdbc:postgresql://c/d");
        assertThat(EmbeddedStoresEnvironmentPostProcessor.flywayFromR2dbc(environment)).isEmpty();
    }
}
