package io.healthid.idp.ecps.challenge;

import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.session.SessionSecrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Challenges in Redis (architecture decision 8): the immutable part as JSON, the state beside it, changed only by a
 * compare-and-set script that also publishes the change, so a browser or a CIBA client waiting on any node wakes up.
 */
public class ChallengeStore {

    private static final String PREFIX = "ecps:challenge:";
    private static final String CHANNEL = "ecps:challenge-events:";

    /**
     * ARGV: expected status, new status, reason, device, the channel to publish on (a channel is no key: one key per
     * script keeps it Cluster-safe). Returns 1 when the state was changed.
     */
    private static final RedisScript<Long> TRANSITION = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'reason', ARGV[3], 'device', ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[2])
            return 1
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisMessageListenerContainer listeners;
    private final JsonMapper json;
    private final Duration grace;

    /** @param grace how long a finished challenge stays readable after it expires (late answers, slow browsers) */
    public ChallengeStore(ReactiveStringRedisTemplate redis, ReactiveRedisMessageListenerContainer listeners, JsonMapper json,
            Duration grace) {
        this.redis = redis;
        this.listeners = listeners;
        this.json = json;
        this.grace = grace;
    }

    public Mono<Challenge> save(Challenge challenge, Duration lifetime) {
        String key = PREFIX + challenge.id();
        return this.redis.opsForHash()
            .putAll(key, Map.of("data", this.json.writeValueAsString(challenge), "status", Challenge.Status.PENDING.name(),
                    "reason", "", "device", ""))
            .then(this.redis.expire(key, lifetime.plus(this.grace)))
            .thenReturn(challenge);
    }

    public Mono<Challenge.State> find(String id) {
        if (!SessionSecrets.isWellFormed(id)) {
            return Mono.empty();
        }
        return this.redis.<String, String>opsForHash().entries(PREFIX + id)
            .collectMap(Map.Entry::getKey, Map.Entry::getValue)
            .filter(fields -> fields.containsKey("data"))
            .map(fields -> new Challenge.State(this.json.readValue(fields.get("data"), Challenge.class),
                    Challenge.Status.valueOf(fields.get("status")),
                    fields.get("reason").isEmpty() ? null : ReasonCode.valueOf(fields.get("reason")),
                    fields.get("device").isEmpty() ? null : fields.get("device")));
    }

    /** Compare-and-set: true when the challenge was in {@code from} and is now in {@code to}. */
    public Mono<Boolean> transition(String id, Challenge.Status from, Challenge.Status to, ReasonCode reason, String deviceId) {
        return this.redis.execute(TRANSITION, List.of(PREFIX + id),
                List.of(from.name(), to.name(), reason == null ? "" : reason.name(), deviceId == null ? "" : deviceId,
                        CHANNEL + id))
            .next()
            .map(changed -> changed == 1L)
            .defaultIfEmpty(false);
    }

    /**
     * The challenge's state once it is no longer pending, read again at each published change; listens before the
     * first read, so a change between the two is not missed. Completes empty when the challenge is gone.
     */
    public Mono<Challenge.State> awaitFinal(String id) {
        return this.listeners.receiveLater(ChannelTopic.of(CHANNEL + id))
            .flatMap(messages -> Flux.concat(Mono.just("subscribed"), messages.map(ReactiveSubscription.Message::getMessage))
                .concatMap(ignored -> find(id).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .filter(state -> state.map(Challenge.State::isFinal).orElse(true))
                .next())
            .flatMap(Mono::justOrEmpty);
    }
}
