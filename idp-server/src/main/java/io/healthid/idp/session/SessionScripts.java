package io.healthid.idp.session;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The session store's Lua scripts: each step on a session is one round trip, and the lifetime rule (a session ends at
 * the first of its absolute end, counted from login, and its idle end, counted from last use) is written once, here.
 * ARGV of {@link #CREATE} and {@link #USE}: now, the absolute lifetime and the idle lifetime, in milliseconds.
 */
final class SessionScripts {

    private static final String REMAINING = """
            local function remaining(authenticatedAt)
              local untilAbsoluteEnd = tonumber(authenticatedAt) + tonumber(ARGV[2]) - tonumber(ARGV[1])
              return math.min(untilAbsoluteEnd, tonumber(ARGV[3]))
            end
            """;

    /** KEYS: the session. ARGV 4 on: its fields and values. Writes a new session with its lifetime. */
    static final RedisScript<Long> CREATE = RedisScript.of(REMAINING + """
            redis.call('HSET', KEYS[1], unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[1], remaining(ARGV[1]))
            return 1
            """, Long.class);

    /**
     * KEYS: the session. Restarts the idle timer of a live session and returns its fields and values, flattened;
     * deletes an ended one and returns nothing, as for an unknown one.
     */
    static final RedisScript<List> USE = RedisScript.of(REMAINING + """
            local authenticatedAt = redis.call('HGET', KEYS[1], 'authenticatedAt')
            if not authenticatedAt then
              return {}
            end
            local ttl = remaining(authenticatedAt)
            if ttl <= 0 then
              redis.call('DEL', KEYS[1])
              return {}
            end
            redis.call('PEXPIRE', KEYS[1], ttl)
            return redis.call('HGETALL', KEYS[1])
            """, List.class);

    /**
     * KEYS: the person's index of sessions. ARGV: now, the new session's absolute end (epoch milliseconds), its id,
     * the absolute lifetime in milliseconds. Adds the session; those past their absolute end leave as new ones come.
     */
    static final RedisScript<Long> INDEX = RedisScript.of("""
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], 0, ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return 1
            """, Long.class);

    private SessionScripts() {
    }
}
