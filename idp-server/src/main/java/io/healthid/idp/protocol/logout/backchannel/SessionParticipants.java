package io.healthid.idp.protocol.logout.backchannel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Flux;

/**
 * Which relying parties with a back-channel logout URI took part in each SSO session, in Redis so that any node can
 * end the session: a hash {@code bcl:<session id>} of client id to {@code "<sid> <sub>"}, kept as long as a session
 * can live. Neither value contains a space ({@code sid} is base64url, {@code sub} is PSC's {@code f:<uuid>:<idNat>}).
 */
public class SessionParticipants {

    private static final String PREFIX = "bcl:";

    /** Read and delete in one step: of two nodes ending the same session, only one notifies. */
    private static final RedisScript<List> TAKE = RedisScript.of(
            "local entries = redis.call('HGETALL', KEYS[1]); redis.call('DEL', KEYS[1]); return entries", List.class);

    /** The participant and the key's lifetime in one round trip: it runs at every ID token, refreshes included. */
    private static final RedisScript<Long> RECORD = RedisScript.of(
            "redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]); redis.call('PEXPIRE', KEYS[1], ARGV[3]); return 1", Long.class);

    private final StringRedisTemplate redis;
    private final ReactiveStringRedisTemplate reactiveRedis;
    private final Duration longestSession;

    public SessionParticipants(StringRedisTemplate redis, ReactiveStringRedisTemplate reactiveRedis,
            Duration longestSession) {
        this.redis = redis;
        this.reactiveRedis = reactiveRedis;
        this.longestSession = longestSession;
    }

    /** Blocking: called where SAS generates ID tokens, on its workers. */
    public void record(String sessionId, Participant participant) {
        this.redis.execute(RECORD, List.of(PREFIX + sessionId), participant.clientId(),
                participant.sid() + " " + participant.subject(), Long.toString(this.longestSession.toMillis()));
    }

    /** The session's participants, forgotten as they are returned. */
    @SuppressWarnings("unchecked")
    public Flux<Participant> take(String sessionId) {
        return this.reactiveRedis.execute(TAKE, List.of(PREFIX + sessionId))
            .flatMapIterable(entries -> {
                List<String> flat = (List<String>) entries;
                List<Participant> participants = new ArrayList<>();
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    String[] sidAndSubject = flat.get(i + 1).split(" ", 2);
                    if (sidAndSubject.length == 2) {
                        participants.add(new Participant(flat.get(i), sidAndSubject[1], sidAndSubject[0]));
                    }
                }
                return participants;
            });
    }
}
