package io.healthid.idp.protocol.ciba;

import io.healthid.idp.session.SessionSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Backchannel requests in Redis, by the hash of their {@code auth_req_id} (a bearer handle): the request itself,
 * and the time of the last poll, compared and set in one script so that two fast polls from two nodes are seen.
 */
public class CibaRequestStore {

    private static final String PREFIX = "ciba:request:";
    private static final String POLL_PREFIX = "ciba:poll:";

    /** Returns 1 when the previous poll was less than ARGV[2] ms before ARGV[1] (too fast); records this poll. */
    private static final RedisScript<Long> POLL = RedisScript.of("""
            local previous = redis.call('GET', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            if previous and (tonumber(ARGV[1]) - tonumber(previous)) < tonumber(ARGV[2]) then return 1 end
            return 0
            """, Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final JsonMapper json;

    public CibaRequestStore(ReactiveStringRedisTemplate redis, JsonMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Mono<CibaRequest> save(CibaRequest request, Duration keep) {
        return this.redis.opsForValue().set(key(request.authReqId()), this.json.writeValueAsString(request), keep)
            .thenReturn(request);
    }

    public Mono<CibaRequest> find(String authReqId) {
        if (!SessionSecrets.isWellFormed(authReqId)) {
            return Mono.empty();
        }
        return this.redis.opsForValue().get(key(authReqId)).map(value -> this.json.readValue(value, CibaRequest.class));
    }

    /** True when this poll comes sooner than {@code interval} after the previous one ({@code slow_down}). */
    public Mono<Boolean> tooFast(CibaRequest request, Instant now, Duration keep) {
        return this.redis.execute(POLL, List.of(POLL_PREFIX + SessionSecrets.idOf(request.authReqId())),
                List.of(Long.toString(now.toEpochMilli()), Long.toString(request.interval() * 1000L), Long.toString(keep.toMillis())))
            .next()
            .map(result -> result == 1L)
            .defaultIfEmpty(false);
    }

    private static String key(String authReqId) {
        return PREFIX + SessionSecrets.idOf(authReqId);
    }
}
