package io.healthid.idp.fault;

import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.protocol.BadInput;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The last word on any request that failed outside its endpoint's own error handling. Malformed input (headers,
 * charsets, percent-encoding, a body over the limit) is the caller's fault: 400 {@code invalid_request}, or 413 for a
 * body too large; a status the framework chose (404, 405...) is kept; store outages go on to
 * {@link StoreUnavailableHandler}; anything else is a 500 {@code server_error} without detail. Each writes one log
 * line with the method and path only (no query string, no stack trace above DEBUG), unlike Spring Boot's default
 * handler, which logs the whole request line and the stack at ERROR.
 */
@Order(-3)
public class RequestErrorHandler implements WebExceptionHandler {

    private static final Logger logger = LoggerFactory.getLogger(RequestErrorHandler.class);

    private final ErrorWriter writer;

    public RequestErrorHandler(ServerCodecConfigurer codecs, List<ViewResolver> viewResolvers) {
        this.writer = new ErrorWriter(codecs, viewResolvers);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted() || StoreUnavailableHandler.isStoreFailure(ex)) {
            return Mono.error(ex);
        }
        try (MDC.MDCCloseable id = CorrelationId.inLogs(exchange)) {
            return logAndAnswer(exchange, ex);
        }
    }

    private Mono<Void> logAndAnswer(ServerWebExchange exchange, Throwable ex) {
        String request = ErrorWriter.requestLine(exchange);
        if (ex instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()
                && !BadInput.isTooLarge(ex)) {
            logger.debug("{} answered {}", request, status.getStatusCode().value());
            return answer(exchange, status.getStatusCode(), OAuth2ErrorCodes.INVALID_REQUEST, statusText(status.getStatusCode()));
        }
        if (BadInput.isBadInput(ex)) {
            HttpStatus status = BadInput.isTooLarge(ex) ? HttpStatus.CONTENT_TOO_LARGE
                    : BadInput.isTimedOut(ex) ? HttpStatus.REQUEST_TIMEOUT : HttpStatus.BAD_REQUEST;
            logger.warn("Malformed request {}: {} ({})", request, BadInput.describe(ex), rootType(ex));
            return answer(exchange, status, OAuth2ErrorCodes.INVALID_REQUEST, BadInput.describe(ex));
        }
        logger.error("Request {} failed: {}", request, rootType(ex));
        logger.debug("Request failure", ex);
        return answer(exchange, HttpStatus.INTERNAL_SERVER_ERROR, OAuth2ErrorCodes.SERVER_ERROR, "unexpected error");
    }

    private Mono<Void> answer(ServerWebExchange exchange, HttpStatusCode status, String code, String description) {
        exchange.getResponse().getHeaders().clearContentHeaders();
        return this.writer.write(exchange, status, "page.request-invalid.title", "page.request-invalid.message",
                new OAuth2Error(code, description, null));
    }

    private static String statusText(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "the request was refused" : known.getReasonPhrase().toLowerCase();
    }

    private static String rootType(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
