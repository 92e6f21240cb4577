package io.healthid.idp.authorization;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.util.Assert;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidTypeIdException;

/**
 * Keeps SAS's authorizations (codes, tokens, consent state) in Redis, so that any node can continue any flow: Redis is
 * read on every lookup; memory only spares decoding a document this node wrote itself ({@link RecentAuthorizations}).
 * Each authorization is a hash {@code authz:<id>} (its JSON, and the names of its index keys),
 * and each of its token values an index key {@code authz:tok:<type>:<sha256>} holding the id; a sorted set per
 * principal lists the ids issued to it ({@link #removeAllOf}). All keys expire with the authorization's last token
 * ({@link AuthorizationTimeToLive}).
 *
 * <p>{@link #remove} revokes for good: it leaves a tombstone that makes a later {@link #save} of the same id fail
 * with {@link RevokedAuthorizationException}, checked in the same Lua script as the write, so a family revocation
 * wins over a token request in flight on another node.
 *
 * <p>Blocking: SAS's providers call it, and the server runs them on a bounded elastic scheduler. Redis failures
 * propagate as Spring's {@link org.springframework.dao.DataAccessException}s, unchanged.
 */
public final class RedisOAuth2AuthorizationService implements OAuth2AuthorizationService {

    private static final Logger logger = LoggerFactory.getLogger(RedisOAuth2AuthorizationService.class);

    /** About 20 kB each (the document, its parts and the object): a few MB at most. */
    private static final int DEFAULT_RECENT = 500;

    private final StringRedisTemplate redis;
    private final AuthorizationJsonCodec codec;
    private final AuthorizationTimeToLive timeToLive;
    private final RecentAuthorizations recent;

    public RedisOAuth2AuthorizationService(StringRedisTemplate redis, AuthorizationJsonCodec codec,
            AuthorizationTimeToLive timeToLive) {
        this(redis, codec, timeToLive, DEFAULT_RECENT);
    }

    /** @param recentCapacity how many of the authorizations this node wrote it keeps decoded (0: none) */
    public RedisOAuth2AuthorizationService(StringRedisTemplate redis, AuthorizationJsonCodec codec,
            AuthorizationTimeToLive timeToLive, int recentCapacity) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.recent = new RecentAuthorizations(recentCapacity);
    }

    /**
     * Writes the authorization and its indexes, and deletes the indexes of values it no longer holds.
     * @throws RevokedAuthorizationException if the authorization was removed
     */
    @Override
    public void save(OAuth2Authorization authorization) {
        Assert.notNull(authorization, "authorization cannot be null");
        String id = authorization.getId();
        WrittenAuthorization written = this.codec.write(authorization, this.recent.lastWritten(id));
        String json = written.document();
        long ttlMillis = this.timeToLive.of(authorization).toMillis();
        long now = this.timeToLive.now().toEpochMilli();
        Long saved = this.redis.execute(AuthorizationScripts.SAVE, keysOf(authorization), json,
                String.valueOf(ttlMillis), id, String.valueOf(now), String.valueOf(now + ttlMillis));
        if (saved == null || saved == 0L) {
            throw new RevokedAuthorizationException(id);
        }
        this.recent.wrote(written);
    }

    /** Deletes the authorization and all its indexes, and leaves a tombstone so it cannot be saved again. */
    @Override
    public void remove(OAuth2Authorization authorization) {
        Assert.notNull(authorization, "authorization cannot be null");
        long ttlMillis = this.timeToLive.of(authorization).toMillis();
        this.redis.execute(AuthorizationScripts.REMOVE, keysOf(authorization), authorization.getId(),
                String.valueOf(ttlMillis));
        this.recent.removed(authorization.getId());
    }

    /**
     * Removes every authorization issued to the principal that has not expired yet, each as {@link #remove} does
     * (tombstone included, so a token request in flight cannot save it back): "log out everywhere".
     *
     * @return how many were removed
     */
    public int removeAllOf(String principalName) {
        Assert.hasText(principalName, "principalName cannot be empty");
        Set<String> ids = this.redis.opsForZSet().rangeByScore(AuthorizationKeys.principal(principalName),
                this.timeToLive.now().toEpochMilli(), Double.POSITIVE_INFINITY);
        int removed = 0;
        for (String id : ids == null ? Set.<String>of() : ids) {
            OAuth2Authorization authorization = findById(id);
            if (authorization != null && principalName.equals(authorization.getPrincipalName())) {
                remove(authorization);
                removed++;
            }
        }
        return removed;
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        Assert.hasText(id, "id cannot be empty");
        Object json = this.redis.opsForHash().get(AuthorizationKeys.record(id), AuthorizationScripts.AUTHORIZATION_FIELD);
        return (json != null) ? decode(id, (String) json) : null;
    }

    /** Looks the token up among every type when {@code tokenType} is {@code null}, as SAS's own services do. */
    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        Assert.hasText(token, "token cannot be empty");
        if (tokenType != null) {
            Optional<IndexedTokenType> type = IndexedTokenType.of(tokenType);
            return type.map(known -> findByToken(token, List.of(known))).orElse(null);
        }
        return findByToken(token, List.of(IndexedTokenType.values()));
    }

    /** One round trip: the index keys and the records they point to, read by one script. */
    private @Nullable OAuth2Authorization findByToken(String token, List<IndexedTokenType> types) {
        List<String> indexKeys = types.stream().map(type -> AuthorizationKeys.tokenIndex(type.value(), token)).toList();
        List<?> found = this.redis.execute(AuthorizationScripts.FIND_BY_TOKEN, indexKeys, AuthorizationKeys.record(""));
        if (found == null) {
            return null;
        }
        for (int i = 0; i + 2 < found.size(); i += 3) {
            IndexedTokenType type = types.get(Integer.parseInt(String.valueOf(found.get(i))) - 1);
            OAuth2Authorization authorization = decode(String.valueOf(found.get(i + 1)), String.valueOf(found.get(i + 2)));
            // the record is the truth: an index is only a pointer, written and deleted in the same script
            if (authorization != null && token.equals(type.valueIn(authorization))) {
                return authorization;
            }
        }
        return null;
    }

    private static List<String> keysOf(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        keys.add(AuthorizationKeys.record(authorization.getId()));
        keys.add(AuthorizationKeys.tombstone(authorization.getId()));
        keys.add(AuthorizationKeys.principal(authorization.getPrincipalName()));
        keys.addAll(AuthorizationKeys.tokenIndexes(authorization));
        return keys;
    }

    /**
     * A record this codec cannot read is treated as absent, so the flow fails as for an unknown token
     * ({@code invalid_grant}) rather than with a server error; it stays in Redis for investigation. Only the id and
     * the refused class are logged: the document and Jackson's messages may quote token values.
     */
    private @Nullable OAuth2Authorization decode(String id, String json) {
        OAuth2Authorization written = this.recent.read(id, json);
        if (written != null) {
            return written;
        }
        try {
            return this.codec.read(json);
        }
        catch (InvalidTypeIdException ex) {
            logger.warn("Authorization {} is unreadable and treated as absent: it names class '{}', which is not allowed",
                    id, ex.getTypeId());
        }
        catch (JacksonException | IllegalArgumentException ex) {
            logger.warn("Authorization {} is unreadable and treated as absent ({})", id, ex.getClass().getName());
        }
        return null;
    }
}
