package io.healthid.idp.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SAS's blocking client lookups served from memory (architecture decision 1: the stores behind the providers must
 * be fast). The snapshot is reloaded from PostgreSQL periodically so a client changed on another node shows up; a
 * database outage keeps the last good snapshot.
 */
public class CachedRegisteredClientRepository implements RegisteredClientRepository {

    private static final Logger logger = LoggerFactory.getLogger(CachedRegisteredClientRepository.class);

    private final ClientStore store;
    private final RegisteredClientMapper mapper;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(Map.of(), Map.of()));
    private volatile Disposable periodicReload;

    private record Snapshot(Map<String, RegisteredClient> byId, Map<String, RegisteredClient> byClientId) {
    }

    public CachedRegisteredClientRepository(ClientStore store, RegisteredClientMapper mapper) {
        this.store = store;
        this.mapper = mapper;
    }

    /** Reloads every client from the database; a definition that no longer maps is skipped with a log line. */
    public Mono<Void> reload() {
        return this.store.findAll()
            .flatMap(stored -> {
                try {
                    return Mono.just(this.mapper.toRegisteredClient(stored.id(), stored.definition()));
                }
                catch (IllegalArgumentException ex) {
                    logger.error("Skipping unusable client: " + ex.getMessage());
                    return Mono.empty();
                }
            })
            .collectList()
            .doOnNext(clients -> this.snapshot.set(new Snapshot(
                    clients.stream().collect(Collectors.toUnmodifiableMap(RegisteredClient::getId, Function.identity())),
                    clients.stream().collect(Collectors.toUnmodifiableMap(RegisteredClient::getClientId, Function.identity())))))
            .then();
    }

    /** Reloads every {@code period} until {@link #stop()}; failures are logged and the previous snapshot kept. */
    public void reloadEvery(Duration period) {
        this.periodicReload = Flux.interval(period, period)
            .concatMap(tick -> reload().onErrorResume(ex -> {
                logger.warn("Client reload failed, keeping the previous clients: " + ex.getMessage());
                return Mono.empty();
            }))
            .subscribe();
    }

    public void stop() {
        Disposable reload = this.periodicReload;
        if (reload != null) {
            reload.dispose();
        }
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are managed through configuration and the database");
    }

    @Override
    public RegisteredClient findById(String id) {
        return this.snapshot.get().byId().get(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return this.snapshot.get().byClientId().get(clientId);
    }
}
