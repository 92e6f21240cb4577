package io.healthid.idp.fault;

import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * When Redis or PostgreSQL is down, every endpoint answers 503 with {@code temporarily_unavailable} (JSON for
 * clients, a page for people) instead of a 500 with a stack trace; the server recovers by itself once the store is
 * back, because every request asks the store afresh. Counted in {@code idp_store_unavailable_total}.
 */
@Order(-2)
public class StoreUnavailableHandler implements WebExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(StoreUnavailableHandler.class);

    private final Counter unavailable;
    private final ErrorWriter writer;

    public StoreUnavailableHandler(MeterRegistry meters, ServerCodecConfigurer codecs, List<ViewResolver> viewResolvers) {
        this.unavailable = Counter.builder("idp.store.unavailable")
            .description("Requests answered 503 because Redis or PostgreSQL was unreachable")
            .register(meters);
        this.writer = new ErrorWriter(codecs, viewResolvers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!isStoreFailure(ex) || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        this.unavailable.increment();
        try (MDC.MDCCloseable id = CorrelationId.inLogs(exchange)) {
            logger.warn("Store unavailable on " + ErrorWriter.requestLine(exchange) + ": " + rootMessage(ex));
            logger.debug("Store failure", ex);
        }
        return this.writer.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "page.unavailable.title",
                "page.unavailable.message", new OAuth2Error(OAuthErrorResponses.TEMPORARILY_UNAVAILABLE,
                        "A backing store is unavailable; retry later", null));
    }

    /**
     * A raw {@link IOException} is a store's connection dying under a command (a Redis primary lost mid-request, before
     * Sentinel promotes its replica: Lettuce passes the socket's reset on as it is); remote APIs map their own errors.
     */
    static boolean isStoreFailure(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof IOException || cause instanceof R2dbcException
                    || cause instanceof RedisException || cause instanceof ConnectException
                    || cause instanceof DirectoryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
