package io.healthid.idp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.settings.ClientDefinition;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Clients from configuration land in PostgreSQL with hashed secrets, and unusable definitions stop the start. */
@IdpIntegrationTest
class ClientSeedingTest {

    @Autowired
    private ClientStore store;

    @Autowired
    private PasswordEncoder passwordEncoder;

    private final RegisteredClientMapper mapper = new RegisteredClientMapper(
            new IdpProperties.Tokens(Duration.ofSeconds(120), Duration.ofMinutes(30), Duration.ofSeconds(60)));

    @Test
    void seedWhenRestartedWithSameSecretThenStoredHashKeptAndNeverClear() {
        ClientSeeder seeder = new ClientSeeder(this.store, this.passwordEncoder, this.mapper);
        ClientDefinition definition = definition("seed-test", "s3cret-value");
        seeder.seed(List.of(definition)).block();
        String firstHash = this.store.findByClientId("seed-test").block().definition().clientSecret();

        seeder.seed(List.of(definition)).block();
        String secondHash = this.store.findByClientId("seed-test").block().definition().clientSecret();

        assertThat(firstHash).startsWith("{bcrypt}").doesNotContain("s3cret-value").isEqualTo(secondHash);
        assertThat(this.passwordEncoder.matches("s3cret-value", firstHash)).isTrue();
    }

    @Test
    void seedWhenRestartedWithSameSecretThenNothingHashedAnew() {
        CountingEncoder counting = new CountingEncoder(this.passwordEncoder);
        ClientSeeder seeder = new ClientSeeder(this.store, counting, this.mapper);
        ClientDefinition definition = definition("restart-test", "restart-secret");
        seeder.seed(List.of(definition)).block();
        assertThat(counting.encoded).as("hashes of a new client's secret").isEqualTo(1);

        seeder.seed(List.of(definition)).block();

        assertThat(counting.encoded).as("hashes after a restart with the same secret").isEqualTo(1);
    }

    @Test
    void seedWhenSecretChangedInConfigurationThenRehashed() {
        ClientSeeder seeder = new ClientSeeder(this.store, this.passwordEncoder, this.mapper);
        seeder.seed(List.of(definition("rotate-test", "old-secret"))).block();
        seeder.seed(List.of(definition("rotate-test", "new-secret"))).block();
        String hash = this.store.findByClientId("rotate-test").block().definition().clientSecret();
        assertThat(this.passwordEncoder.matches("new-secret", hash)).isTrue();
    }

    @Test
    void mapWhenDefinitionUnusableThenErrorNamesClientAndProblem() {
        assertThatThrownBy(() -> this.mapper.toRegisteredClient("x", new ClientDefinition("bad", "s", null, Set.of("client_secret_basic"),
                Set.of("authorization_code"), List.of(), null, null, null, null, null, null, null, null, null, null, null, null, null, null)))
            .hasMessageContaining("'bad'").hasMessageContaining("redirect URI");
        assertThatThrownBy(() -> this.mapper.toRegisteredClient("x", new ClientDefinition("weak", null, null, Set.of("none"),
                Set.of("client_credentials"), List.of(), null, null, null, null, null, null, null, null, null, null, null, null, null, null)))
            .hasMessageContaining("public client");
        assertThatThrownBy(() -> this.mapper.toRegisteredClient("x", new ClientDefinition("alg", "s", null, null, null,
                List.of("https://rp/cb"), null, null, null, null, "HS256", null, null, null, null, null, null, null, null, null)))
            .hasMessageContaining("signing algorithm must be one of [RS256, ES256]");
        assertThatThrownBy(() -> this.mapper.toRegisteredClient("x", new ClientDefinition("mtls", null, null,
                Set.of("tls_client_auth"), Set.of("client_credentials"), List.of(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null)))
            .hasMessageContaining("tls-client-auth-subject-dn");
        assertThatThrownBy(() -> this.mapper.toRegisteredClient("x", new ClientDefinition("bcl", "s", null, null,
                Set.of("client_credentials"), List.of(), null, null, null, null, null, null, null, null, null, null, null,
                "http://rp.example/logout#fragment", null, null)))
            .hasMessageContaining("backchannel-logout-uri");
    }

    @Test
    void mapWhenPublicClientAsksNoPkceThenPkceStillRequired() {
        var client = this.mapper.toRegisteredClient("x", new ClientDefinition("spa", null, null, Set.of("none"),
                Set.of("authorization_code"), List.of("https://rp/cb"), null, null, false, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
    }

    /** The server's encoder, counting the hashes it makes (each a bcrypt: what start-up should not repeat). */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder delegate;
        private int encoded;

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            this.encoded++;
            return this.delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return this.delegate.matches(rawPassword, encodedPassword);
        }
    }

    private static ClientDefinition definition(String clientId, String secret) {
        return new ClientDefinition(clientId, secret, null, Set.of("client_secret_basic"), Set.of("client_credentials"),
                List.of(), List.of(), Set.of("openid"), null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
