package io.healthid.idp.fault;

import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.pages.Pages;
import io.healthid.idp.protocol.OAuthErrorResponses;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes an error outside any handler (from a {@code WebExceptionHandler}): a page for a browser that asks for HTML,
 * the OAuth JSON body otherwise. The request line of a log is its method and path: never the query string.
 */
final class ErrorWriter {

    private static final int MAX_LOGGED_PATH = 120;

    private final ServerResponse.Context context;

    ErrorWriter(ServerCodecConfigurer codecs, List<ViewResolver> viewResolvers) {
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

    Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String titleKey, String messageKey,
            OAuth2Error error) {
        Mono<ServerResponse> response = wantsHtml(exchange)
                ? Pages.problem(status, titleKey, messageKey, error.getErrorCode(), Map.of())
                : OAuthErrorResponses.json(error, status);
        // exception handlers run outside the correlation filter's context: the page and the body need the id back
        return response.flatMap(serverResponse -> serverResponse.writeTo(exchange, this.context))
            .contextWrite(CorrelationId.context(exchange));
    }

    static boolean wantsHtml(ServerWebExchange exchange) {
        try {
            return exchange.getRequest().getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
    }

    /** Method and path, control characters replaced and the length capped: what a log line may name. */
    static String requestLine(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (path.length() > MAX_LOGGED_PATH) {
            path = path.substring(0, MAX_LOGGED_PATH) + "...";
        }
        return exchange.getRequest().getMethod() + " " + path.replaceAll("[^\\x21-\\x7e]", "?");
    }
}
