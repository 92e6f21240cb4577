package io.healthid.rpps.cache;

import io.healthid.rpps.lookup.LookupIds;
import io.healthid.rpps.lookup.PractitionerLookup;
import io.healthid.rpps.model.Practitioner;
import io.healthid.rpps.store.PostgresPractitionerLookup;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis cache (Lettuce, reactive) in front of the PostgreSQL directory, and in front of Redis the practitioners this
 * node looked up lately. Keys carry the directory generation, so an import that changes the directory makes every
 * older entry unreachable (they expire with their TTL); no deletion sweep is needed and nodes need not coordinate.
 *
 * <p>Redis is an optimisation only: when it is down, slow or returns garbage, lookups go to PostgreSQL, the failure is
 * logged and counted ({@link #redisFailures()}). PostgreSQL failures surface as
 * {@link io.healthid.rpps.lookup.DirectoryUnavailableException} (unless the entry is still in Redis).
 */
public final class CachedPractitionerLookup implements PractitionerLookup, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedPractitionerLookup.class);

    private final PostgresPractitionerLookup database;
    private final RedisClient redis;
    private final RedisURI uri;
    private final CacheSettings settings;
    private final GenerationTracker generation;
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final AtomicLong lastConnectFailure = new AtomicLong(Long.MIN_VALUE);
    private final RecentPractitioners recent;
    private final AtomicLong memoryHits = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong redisFailures = new AtomicLong();

    /**
     * @param redis a Lettuce client; its options are set here (reject commands while disconnected, command
     *              timeout) so that a Redis outage never delays a lookup for long
     * @param uri   the cache server; connected lazily, so the cache may start while Redis is down
     */
    public CachedPractitionerLookup(PostgresPractitionerLookup database, RedisClient redis, RedisURI uri,
            CacheSettings settings) {
        this.database = Objects.requireNonNull(database, "database");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.redis.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.redisTimeout()))
                .build());
        this.recent = new RecentPractitioners(settings.memoryEntries());
        this.generation = new GenerationTracker(database::currentGeneration, settings.generationRefresh(),
                System::nanoTime);
    }

    @Override
    public Mono<Practitioner> findByNationalId(String idNat) {
        return Mono.fromCallable(() -> LookupIds.normalise(idNat))
                .flatMap(id -> generation.current().flatMap(gen -> {
                    Practitioner remembered = recent.get(gen, id);
                    if (remembered != null) {
                        memoryHits.incrementAndGet();
                        return Mono.just(remembered);
                    }
                    String key = settings.keyPrefix() + "g" + gen + ":" + id;
                    return cached(key)
                            .doOnNext(p -> hits.incrementAndGet())
                            .switchIfEmpty(Mono.defer(() -> {
                                misses.incrementAndGet();
                                return database.findByNationalId(id).flatMap(p -> store(key, p).thenReturn(p));
                            }))
                            .doOnNext(p -> recent.put(gen, id, p));
                }));
    }

    /** Lookups answered from this node's memory, without Redis. */
    public long memoryHits() {
        return memoryHits.get();
    }

    /** Lookups answered from Redis. */
    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** Redis calls that failed (down, timeout, unreadable entry); each one fell back to PostgreSQL. */
    public long redisFailures() {
        return redisFailures.get();
    }

    private Mono<Practitioner> cached(String key) {
        return commands()
                .flatMap(c -> c.get(key))
                .timeout(settings.redisTimeout())
                .map(text -> json.readValue(text, Practitioner.class))
                .onErrorResume(e -> redisFailed("read", e));
    }

    private Mono<Void> store(String key, Practitioner practitioner) {
        // written in the background: a slow or down Redis must not delay the answer
        commands()
                .flatMap(c -> c.setex(key, settings.ttl().toSeconds(), json.writeValueAsString(practitioner)))
                .timeout(settings.redisTimeout())
                .onErrorResume(e -> redisFailed("write", e))
                .subscribe();
        return Mono.empty();
    }

    private <T> Mono<T> redisFailed(String what, Throwable e) {
        redisFailures.incrementAndGet();
        LOG.warn("directory cache {} failed, using PostgreSQL: {}", what, e.toString());
        return Mono.empty();
    }

    private Mono<RedisReactiveCommands<String, String>> commands() {
        StatefulRedisConnection<String, String> c = connection.get();
        if (c != null) {
            return Mono.just(c.reactive());
        }
        long lastFailure = lastConnectFailure.get();
        if (lastFailure != Long.MIN_VALUE
                && System.nanoTime() - lastFailure < settings.reconnectBackoff().toNanos()) {
            return Mono.error(new IllegalStateException("Redis unreachable recently, not retrying yet"));
        }
        return Mono.fromFuture(() -> redis.connectAsync(StringCodec.UTF8, uri).toCompletableFuture())
                .timeout(settings.redisTimeout().multipliedBy(4))
                .map(opened -> {
                    if (!connection.compareAndSet(null, opened)) {
                        opened.closeAsync();
                    }
                    return connection.get().reactive();
                })
                .doOnError(e -> lastConnectFailure.set(System.nanoTime()));
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection.getAndSet(null);
        if (c != null) {
            c.close();
        }
    }
}
