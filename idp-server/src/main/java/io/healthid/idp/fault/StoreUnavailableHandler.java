package io.healthid.idp.fault;

import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.rpps.lookup.DirectoryUnavailableException;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.R2dbcException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.server.ServerResponse;
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
    private final ServerResponse.Context context;

    public StoreUnavailableHandler(MeterRegistry meters, ServerCodecConfigurer codecs, List<ViewResolver> viewResolvers) {
        this.unavailable = Counter.builder("idp.store.unavailable")
            .description("Requests answered 503 because Redis or PostgreSQL was unreachable")
            .register(meters);
        this.context = new ServerResponse.Context() {
            @Override
            public List<HttpMessageWriter<?>> messageWriters() {
                return codecs.getWriters();
            }

            @Override
            public List<ViewResolver> viewResolvers() {
                return viewResolvers;
            }
        };
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (!isStoreFailure(ex) || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        this.unavailable.increment();
        logger.warn("Store unavailable on " + exchange.getRequest().getPath() + ": " + rootMessage(ex));
        logger.debug("Store failure", ex);
        Mono<ServerResponse> response = wantsHtml(exchange)
                ? Pages.problem(HttpStatus.SERVICE_UNAVAILABLE, "page.unavailable.title", "page.unavailable.message",
                        OAuthErrorResponses.TEMPORARILY_UNAVAILABLE, Map.of())
                : OAuthErrorResponses.json(new OAuth2Error(OAuthErrorResponses.TEMPORARILY_UNAVAILABLE,
                        "A backing store is unavailable; retry later", null));
        return response.flatMap(serverResponse -> serverResponse.writeTo(exchange, this.context));
    }

    static boolean isStoreFailure(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof R2dbcException
                    || cause instanceof RedisException || cause instanceof ConnectException
                    || cause instanceof DirectoryUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsHtml(ServerWebExchange exchange) {
        var accept = exchange.getRequest().getHeaders().getAccept();
        return accept.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
