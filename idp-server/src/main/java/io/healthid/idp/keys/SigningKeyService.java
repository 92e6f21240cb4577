package io.healthid.idp.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The provider's signing keys as the rest of the server sees them. Signing and the JWKS read an in-memory snapshot,
 * never the database; every {@code refresh-interval} each node checks whether rotation is due (one node does it,
 * under a database lock) and reloads the snapshot. Nodes keep no state of their own.
 */
public class SigningKeyService implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyService.class);

    private final SigningKeyRepository repository;
    private final RotationPolicy policy;
    private final Duration refreshInterval;
    private final Clock clock;
    private final AtomicReference<KeySnapshot> snapshot = new AtomicReference<>(KeySnapshot.EMPTY);
    private volatile Disposable schedule;
    private CompletableFuture<Void> firstLoad;

    public SigningKeyService(SigningKeyRepository repository, KeyProperties properties, Clock clock) {
        this.repository = repository;
        this.policy = new RotationPolicy(properties);
        this.refreshInterval = properties.refreshInterval();
        this.clock = clock;
    }

    /**
     * For the JWT encoder ({@link SigningJwtEncoder}): the one key of {@code algorithm} that signs now, private part
     * included. A relying party must only meet signatures by keys it has had time to fetch, hence exactly one.
     */
    public Optional<JWK> currentKey(SigningAlgorithm algorithm) {
        return snapshot.get().currentKey(algorithm, now()).map(SigningKey::jwk);
    }

    /** Public parts of every published key: the announced successor, the current key, retired keys still in use. */
    public JWKSet publishedKeys() {
        return snapshot.get().published(now());
    }

    /**
     * For the server's own JWT decoder (the userinfo endpoint's bearer tokens):
     * {@code NimbusReactiveJwtDecoder.withJwkSource(keys::verificationKeys)}. Published keys only, so a token signed
     * by a retired key verifies until its key leaves the JWKS, as it does for relying parties.
     */
    public Flux<JWK> verificationKeys(SignedJWT jwt) {
        return Flux.fromIterable(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())).select(publishedKeys()));
    }

    /**
     * Begins creating the keys a first start needs (one signing at once per algorithm) and loading them, without
     * waiting: RSA key generation takes most of a second on a cold JVM, which the rest of the context's creation
     * overlaps. {@link #start()} waits for them.
     */
    public synchronized void beginLoading() {
        if (firstLoad == null) {
            firstLoad = ensureKeys().toFuture();
        }
    }

    /**
     * Waits for the keys of {@link #beginLoading()} (begun now if they were not); then refreshes and rotates every
     * refresh interval until {@link #stop()}. Called before the listeners start: the server must not take requests
     * before it can sign. Fails if the stored keys cannot be decrypted.
     */
    @Override
    public void start() {
        beginLoading();
        try {
            firstLoad.join();
        }
        catch (CompletionException ex) {
            throw ex.getCause() instanceof RuntimeException failure ? failure : ex;
        }
        schedule = Flux.interval(refreshInterval, refreshInterval, Schedulers.boundedElastic())
            .onBackpressureDrop()
            .concatMap(tick -> rotateIfDue(now())
                // one line: a database outage repeats this every interval, and the stack says nothing new
                .doOnError(ex -> {
                    log.error("Signing keys not refreshed, still using the last ones loaded: {}", ex.toString());
                    log.debug("Signing key refresh failure", ex);
                })
                .onErrorComplete())
            .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }

    /** Before the web servers (phase {@code DEFAULT_PHASE - 2048}) and the card listener start; after they stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 8192;
    }

    /** On start-up: {@link #rotateIfDue} at the current time. */
    public Mono<Void> ensureKeys() {
        return Mono.defer(() -> rotateIfDue(now()));
    }

    /**
     * Creates a key for any algorithm that has none able to sign, announces the successor of a key that is due,
     * retires keys whose successor has started signing; then reloads the snapshot. Safe on several nodes at once.
     */
    public Mono<Void> rotateIfDue(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return applyUnderLock(at, current -> policy.scheduled(current, at));
    }

    /**
     * An operator's rotation: publishes a successor for every algorithm now, which signs after the publish-ahead.
     * Does nothing for an algorithm whose successor is already announced.
     */
    public Mono<Void> rotateNow() {
        return Mono.defer(() -> {
            Instant now = now();
            return applyUnderLock(now, current -> policy.immediate(current, now));
        });
    }

    /**
     * A compromised key: stops signing and leaves the JWKS at once (tokens it signed stop verifying), and a
     * replacement signs immediately, with no publish-ahead: relying parties meet an unknown kid and refetch the
     * JWKS. Other nodes sign with the compromised key until their next refresh, at most one refresh interval.
     */
    public Mono<Void> retireCompromised(String kid) {
        return Mono.defer(() -> {
            Instant now = now();
            return repository.underRotationLock(repository.markRetired(kid, now, now)
                    .then(Mono.fromRunnable(() -> log.warn("Signing key {} retired and unpublished: compromised", kid)))
                    .then(loadAndApply(now, current -> policy.scheduled(current, now))))
                .then(refresh());
        });
    }

    /** Reloads the snapshot from the database. */
    public Mono<Void> refresh() {
        return Mono.defer(() -> load(now())).doOnNext(snapshot::set).then();
    }

    private Mono<Void> applyUnderLock(Instant now, Function<KeySnapshot, RotationPolicy.Plan> planner) {
        return repository.underRotationLock(loadAndApply(now, planner)).then(refresh());
    }

    /** Reads the database inside the lock, not the snapshot: another node may have rotated a moment ago. */
    private Mono<Void> loadAndApply(Instant now, Function<KeySnapshot, RotationPolicy.Plan> planner) {
        return load(now).map(planner).flatMap(plan -> apply(plan, now));
    }

    private Mono<Void> apply(RotationPolicy.Plan plan, Instant now) {
        Flux<Void> retirements = Flux.fromIterable(plan.retirements())
            .concatMap(retirement -> repository.markRetired(retirement.kid(), retirement.signsUntil(),
                    retirement.publishedUntil())
                .doOnSuccess(done -> log.info("Signing key {} stops signing at {}, unpublished at {}",
                    retirement.kid(), retirement.signsUntil(), retirement.publishedUntil())));
        Flux<Void> creations = Flux.fromIterable(plan.newKeys())
            .concatMap(newKey -> Mono
                .fromCallable(() -> SigningKey.generate(newKey.algorithm(), now, newKey.signsFrom()))
                .subscribeOn(Schedulers.boundedElastic()) // RSA key generation takes tens of milliseconds
                .flatMap(key -> repository.insert(key)
                    .doOnSuccess(done -> log.info("Signing key {} ({}) published, signs from {}",
                        key.kid(), key.algorithm(), key.signsFrom()))));
        return retirements.thenMany(creations).then();
    }

    private Mono<KeySnapshot> load(Instant now) {
        return repository.findPublishedAt(now).collectList().map(KeySnapshot::new);
    }

    /** PostgreSQL keeps microseconds: truncating keeps the snapshot equal to what the database holds. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
