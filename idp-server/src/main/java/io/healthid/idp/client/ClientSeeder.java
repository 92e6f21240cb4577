package io.healthid.idp.client;

import io.healthid.idp.settings.ClientDefinition;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes the clients listed in configuration into the database at start-up. Secrets are stored hashed; a stored
 * hash that still matches the configured secret is kept, so restarts do not rewrite rows needlessly.
 */
public class ClientSeeder {

    private final ClientStore store;
    private final PasswordEncoder passwordEncoder;
    private final RegisteredClientMapper mapper;

    public ClientSeeder(ClientStore store, PasswordEncoder passwordEncoder, RegisteredClientMapper mapper) {
        this.store = store;
        this.passwordEncoder = passwordEncoder;
        this.mapper = mapper;
    }

    public Mono<Void> seed(List<ClientDefinition> definitions) {
        return Flux.fromIterable(definitions)
            // fail start-up on an unusable definition rather than serve a half-configured client
            .doOnNext(definition -> this.mapper.toRegisteredClient("validation", definition))
            .concatMap(definition -> this.store.findByClientId(definition.clientId())
                .map(stored -> withStoredHashIfStillValid(definition, stored.definition()))
                // hashed only when the client is new: a bcrypt costs a cold JVM's start-up a few hundred milliseconds
                .switchIfEmpty(Mono.fromSupplier(() -> hashed(definition)))
                .flatMap(this.store::upsert))
            .then();
    }

    private ClientDefinition withStoredHashIfStillValid(ClientDefinition configured, ClientDefinition stored) {
        String secret = configured.clientSecret();
        if (secret == null || isEncoded(secret)) {
            return configured;
        }
        if (stored.clientSecret() != null && this.passwordEncoder.matches(secret, stored.clientSecret())) {
            return configured.withClientSecret(stored.clientSecret());
        }
        return hashed(configured);
    }

    private ClientDefinition hashed(ClientDefinition definition) {
        String secret = definition.clientSecret();
        if (secret == null || isEncoded(secret)) {
            return definition;
        }
        return definition.withClientSecret(this.passwordEncoder.encode(secret));
    }

    private static boolean isEncoded(String secret) {
        return secret.startsWith("{") && secret.indexOf('}') > 1;
    }
}
