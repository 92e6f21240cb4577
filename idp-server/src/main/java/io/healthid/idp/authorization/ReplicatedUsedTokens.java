package io.healthid.idp.authorization;

import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Makes a first-use mark survive the loss of the Redis primary: after {@code SET NX} succeeds, {@code WAIT} until
 * {@code replicas} replicas have it (at most {@code timeout}) before the token endpoint redeems the code or refresh
 * token. Redis replication is asynchronous; without this, a primary dying just after the mark could let the promoted
 * replica accept the same code a second time. A replica that does not answer in time is logged and the request goes
 * on: a lagging replica must not stop every login.
 */
public final class ReplicatedUsedTokens implements UsedTokens {

    private static final Logger logger = LoggerFactory.getLogger(ReplicatedUsedTokens.class);

    private final UsedTokens marks;
    private final StringRedisTemplate redis;
    private final int replicas;
    private final Duration timeout;

    public ReplicatedUsedTokens(UsedTokens marks, StringRedisTemplate redis, int replicas, Duration timeout) {
        this.marks = Objects.requireNonNull(marks, "marks");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.replicas = replicas;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public boolean markUsed(OAuth2TokenType type, String tokenValue, String authorizationId, Duration remember) {
        boolean first = this.marks.markUsed(type, tokenValue, authorizationId, remember);
        if (first) {
            Long acknowledged = this.redis.execute((RedisCallback<Long>) this::waitForReplicas);
            if (acknowledged == null || acknowledged < this.replicas) {
                logger.warn("First use of a {} acknowledged by {} of {} Redis replicas within {}", type.getValue(),
                        acknowledged, this.replicas, this.timeout);
            }
        }
        return first;
    }

    @Override
    public void release(OAuth2TokenType type, String tokenValue) {
        this.marks.release(type, tokenValue);
    }

    @Override
    public String authorizationOf(OAuth2TokenType type, String tokenValue) {
        return this.marks.authorizationOf(type, tokenValue);
    }

    /** WAIT covers every write this connection made before it: the mark just set among them. */
    private Long waitForReplicas(RedisConnection connection) {
        BaseRedisAsyncCommands<?, ?> commands = (BaseRedisAsyncCommands<?, ?>) connection.getNativeConnection();
        try {
            return commands.waitForReplication(this.replicas, this.timeout.toMillis())
                .get(this.timeout.toMillis() + 2000, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisSystemException("Interrupted while waiting for Redis replicas", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new RedisSystemException("Redis did not answer WAIT", ex);
        }
    }
}
