package io.healthid.idp.protocol.clientauth;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.healthid.idp.model.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import reactor.core.publisher.Mono;

/**
 * Limits the failed client secret verifications (ADR 0010): a secret this node already verified passes without
 * touching Redis; any other one is verified only while the client id's bucket and the remote address's bucket
 * (Bucket4j in Redis, so the allowance is shared by every node) have failures left, and each wrong secret spends
 * one from both. Right secrets spend nothing, so a burst of first requests at a node's start is never refused. Past
 * the limit a guesser is refused before hashing, with {@code invalid_client} and reason
 * {@link ReasonCode#RATE_LIMITED}, counted in {@code idp_client_authentication_refusals_total{reason="RATE_LIMITED"}}.
 * Concurrent wrong guesses may pass the check together before they are spent: the overshoot is bounded by the
 * requests in flight.
 */
public final class FailedSecretLimiter {

    private static final Logger logger = LoggerFactory.getLogger(FailedSecretLimiter.class);
    private static final String KEY_PREFIX = "client-secret-failures:";

    private final RegisteredClientRepository clients;
    private final VerifiedClientSecrets secrets;
    private final AsyncProxyManager<byte[]> buckets;
    private final BucketConfiguration perClient;
    private final BucketConfiguration perAddress;
    private final Counter refusedForClient;
    private final Counter refusedForAddress;

    public FailedSecretLimiter(RegisteredClientRepository clients, VerifiedClientSecrets secrets,
            AsyncProxyManager<byte[]> buckets, ClientSecretProperties properties, MeterRegistry meters) {
        this.clients = clients;
        this.secrets = secrets;
        this.buckets = buckets;
        this.perClient = allowance(properties.failuresPerClient(), properties);
        this.perAddress = allowance(properties.failuresPerAddress(), properties);
        this.refusedForClient = refusals(meters, "client");
        this.refusedForAddress = refusals(meters, "address");
    }

    /**
     * Runs {@code verification} (SAS's client authentication) under the limits when it would pay the slow hash, and
     * {@code cheapVerification} (the same, without leaving the thread) when the secret is one this node verified.
     * @param remote the request's remote address, {@code null} when unknown
     */
    public Mono<Authentication> verify(OAuth2ClientAuthenticationToken presented, InetSocketAddress remote,
            Supplier<Mono<Authentication>> verification, Supplier<Mono<Authentication>> cheapVerification) {
        if (!usesSecret(presented)) {
            return verification.get();
        }
        String clientId = presented.getPrincipal().toString();
        RegisteredClient client = this.clients.findByClientId(clientId);
        // an unknown client costs nothing to refuse; a remembered secret costs nothing to accept
        if (client == null || presented.getCredentials() == null) {
            return verification.get();
        }
        if (this.secrets.isRemembered(presented.getCredentials().toString(), client.getClientSecret())) {
            return cheapVerification.get();
        }
        AsyncBucketProxy clientBucket = bucket("client:" + clientId, this.perClient);
        AsyncBucketProxy addressBucket = remote == null || remote.getAddress() == null ? null
                : bucket("address:" + remote.getAddress().getHostAddress(), this.perAddress);
        return admit(clientBucket, this.refusedForClient, clientId)
            .then(addressBucket == null ? Mono.empty() : admit(addressBucket, this.refusedForAddress, clientId))
            .then(Mono.defer(verification))
            .onErrorResume(OAuth2AuthenticationException.class, failed -> wrongSecret(failed)
                    ? spend(clientBucket).then(spend(addressBucket)).then(Mono.error(failed)) : Mono.error(failed));
    }

    /** Refuses before any hashing once the bucket has no failure left (reading it takes nothing from it). */
    private Mono<Void> admit(AsyncBucketProxy bucket, Counter refusals, String clientId) {
        return Mono.fromFuture(bucket::getAvailableTokens).flatMap(left -> {
            if (left > 0) {
                return Mono.empty();
            }
            refusals.increment();
            logger.warn("client authentication refused: reason={} client={}", ReasonCode.RATE_LIMITED, clientId);
            return Mono.error(new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                    "Too many failed client authentications (" + ReasonCode.RATE_LIMITED + "); retry later", null)));
        });
    }

    private static Mono<Void> spend(AsyncBucketProxy bucket) {
        return bucket == null ? Mono.empty() : Mono.fromFuture(() -> bucket.tryConsume(1)).then();
    }

    private static boolean wrongSecret(OAuth2AuthenticationException failure) {
        return OAuth2ErrorCodes.INVALID_CLIENT.equals(failure.getError().getErrorCode());
    }

    private AsyncBucketProxy bucket(String key, BucketConfiguration configuration) {
        return this.buckets.builder().build((KEY_PREFIX + key).getBytes(StandardCharsets.UTF_8), () ->
                CompletableFuture.completedFuture(configuration));
    }

    private static boolean usesSecret(OAuth2ClientAuthenticationToken presented) {
        return ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(presented.getClientAuthenticationMethod())
                || ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(presented.getClientAuthenticationMethod());
    }

    private static BucketConfiguration allowance(int failures, ClientSecretProperties properties) {
        return BucketConfiguration.builder()
            .addLimit(limit -> limit.capacity(failures).refillIntervally(failures, properties.failureWindow()))
            .build();
    }

    private static Counter refusals(MeterRegistry meters, String limit) {
        return Counter.builder("idp.client.authentication.refusals")
            .description("Client authentications refused before verification, by reason code and exhausted limit")
            .tag("reason", ReasonCode.RATE_LIMITED.name())
            .tag("limit", limit)
            .register(meters);
    }
}
