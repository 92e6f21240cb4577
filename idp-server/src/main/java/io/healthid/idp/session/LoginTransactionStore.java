package io.healthid.idp.session;

import io.healthid.idp.settings.IdpProperties;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Pending login transactions in Redis, expiring after the login timeout. Ids are random and unguessable. */
public class LoginTransactionStore {

    private static final String PREFIX = "login-tx:";

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;
    private final IdpProperties.Session lifetimes;
    private final Clock clock;

    public LoginTransactionStore(ReactiveStringRedisTemplate redis, JsonMapper json, IdpProperties.Session lifetimes,
            Clock clock) {
        this.redis = redis;
        this.json = json;
        this.lifetimes = lifetimes;
        this.clock = clock;
    }

    public Mono<LoginTransaction> begin(String clientId, Map<String, List<String>> parameters) {
        LoginTransaction transaction = new LoginTransaction(SessionSecrets.newSecret(), clientId, parameters,
                this.clock.instant());
        return this.redis.opsForValue()
            .set(PREFIX + transaction.id(), this.json.writeValueAsString(transaction), this.lifetimes.loginTimeout())
            .thenReturn(transaction);
    }

    /** The transaction, or empty when unknown or expired (the person took too long or it was already used). */
    public Mono<LoginTransaction> find(String id) {
        if (!SessionSecrets.isWellFormed(id)) {
            return Mono.empty();
        }
        return this.redis.opsForValue().get(PREFIX + id).map(value -> this.json.readValue(value, LoginTransaction.class));
    }

    /** Takes the transaction out so that it completes once: the second caller gets empty. */
    public Mono<LoginTransaction> take(String id) {
        if (!SessionSecrets.isWellFormed(id)) {
            return Mono.empty();
        }
        return this.redis.opsForValue().getAndDelete(PREFIX + id).map(value -> this.json.readValue(value, LoginTransaction.class));
    }
}
