package io.healthid.idp.authorization;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that change the store: each runs atomically in Redis, so a save and a remove never interleave, even
 * from different nodes. They also read the index key names that the record lists; all of them share the
 * {@link AuthorizationKeys} hash tag, so on a Redis Cluster every key a script touches is in one slot (standalone,
 * Sentinel and Cluster all work).
 */
final class AuthorizationScripts {

    /**
     * KEYS: the record, the tombstone, the principal's index, then the index keys of the new version. ARGV: the JSON,
     * the time to live in milliseconds, the authorization id, now and the keys' expiry (epoch milliseconds). Returns
     * 0, writing nothing, if the tombstone exists; 1 once written.
     */
    static final RedisScript<Long> SAVE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[2]) == 1 then
              return 0
            end
            local current = {}
            for i = 4, #KEYS do
              current[KEYS[i]] = true
            end
            local previous = redis.call('HGET', KEYS[1], 'index_keys')
            if previous then
              for key in string.gmatch(previous, '%S+') do
                -- a token value the new version no longer holds (rotated refresh token, cleared state)
                if not current[key] and redis.call('GET', key) == ARGV[3] then
                  redis.call('DEL', key)
                end
              end
            end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[1], 'authorization', ARGV[1], 'index_keys', table.concat(KEYS, ' ', 4))
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            for i = 4, #KEYS do
              redis.call('SET', KEYS[i], ARGV[3], 'PX', ARGV[2])
            end
            -- the principal's authorizations, each until its keys expire; those already gone are dropped
            redis.call('ZADD', KEYS[3], ARGV[5], ARGV[3])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[4])
            if redis.call('PTTL', KEYS[3]) < tonumber(ARGV[2]) then
              redis.call('PEXPIRE', KEYS[3], ARGV[2])
            end
            return 1
            """, Long.class);

    /**
     * KEYS: the record, the tombstone, the principal's index, then the index keys of the version the caller holds (the
     * stored version may be newer, or gone). ARGV: the authorization id, the caller's time to live in milliseconds. The tombstone lives
     * as long as the longer of the stored record and the caller's version would have.
     */
    static final RedisScript<Long> REMOVE = RedisScript.of("""
            local ttl = tonumber(ARGV[2])
            local remaining = redis.call('PTTL', KEYS[1])
            if remaining > ttl then
              ttl = remaining
            end
            local function dropIndex(key)
              -- only an index still pointing here: never one another authorization owns
              if redis.call('GET', key) == ARGV[1] then
                redis.call('DEL', key)
              end
            end
            local stored = redis.call('HGET', KEYS[1], 'index_keys')
            if stored then
              for key in string.gmatch(stored, '%S+') do
                dropIndex(key)
              end
            end
            for i = 4, #KEYS do
              dropIndex(KEYS[i])
            end
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('DEL', KEYS[1])
            redis.call('SET', KEYS[2], 'revoked', 'PX', ttl)
            return 1
            """, Long.class);

    /**
     * The lookup by token value in one round trip. KEYS: the index keys of the value, one per token type asked for.
     * ARGV: the record key prefix. Returns, for each index key that points to a record still there, its position
     * (1-based), the authorization id and the record's JSON, flattened; the caller checks that the record holds the
     * value.
     */
    static final RedisScript<List> FIND_BY_TOKEN = RedisScript.of("""
            local found = {}
            for i = 1, #KEYS do
              local id = redis.call('GET', KEYS[i])
              if id then
                local json = redis.call('HGET', ARGV[1] .. id, 'authorization')
                if json then
                  table.insert(found, tostring(i))
                  table.insert(found, id)
                  table.insert(found, json)
                end
              end
            end
            return found
            """, List.class);

    /** The field of the record hash holding the JSON; the scripts keep the index key names in {@code index_keys}. */
    static final String AUTHORIZATION_FIELD = "authorization";

    private AuthorizationScripts() {
    }
}
