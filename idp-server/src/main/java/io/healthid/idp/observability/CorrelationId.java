package io.healthid.idp.observability;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The id of one request, short enough to be read out on the phone ({@code 7KQ2-M9XD-4HTR}): in the response header,
 * on every error page next to the reason code, in every OAuth error body, in every audit row and (through the MDC) in
 * every log line of that request. Set by {@link CorrelationIdFilter}; read from the Reactor context in handlers, from
 * the exchange in exception handlers, which run outside the filter's context.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The key in the Reactor context, the exchange attributes and the logging MDC. */
    public static final String KEY = "correlationId";
    /** The member added to OAuth error bodies. */
    public static final String BODY_MEMBER = "correlation_id";

    /** Crockford's base32 without I, L, O, U: nothing to confuse when spelled out. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LETTERS = 10;
    private static final Pattern SHAPE = Pattern.compile("[A-HJKMNP-TV-Z][0-9A-HJKMNP-TV-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4}){2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CorrelationId() {
    }

    /**
     * About 59 random bits in three groups of four, starting with a letter: an id is never all digits, so a search for
     * digits is a national identifier.
     */
    static String generate() {
        StringBuilder id = new StringBuilder(14);
        long bits = RANDOM.nextLong() >>> 1;
        id.append(ALPHABET[LETTERS + (int) (bits % (ALPHABET.length - LETTERS))]);
        bits /= ALPHABET.length - LETTERS;
        for (int i = 1; i < 12; i++) {
            if (i % 4 == 0) {
                id.append('-');
            }
            id.append(ALPHABET[(int) (bits & 31)]);
            bits >>>= 5;
        }
        return id.toString();
    }

    /** Whether a search term is shaped like a correlation id (lower case and missing dashes forgiven). */
    public static Optional<String> parse(String text) {
        String compact = text == null ? "" : text.strip().toUpperCase().replace("-", "");
        if (compact.length() != 12) {
            return Optional.empty();
        }
        String id = compact.substring(0, 4) + "-" + compact.substring(4, 8) + "-" + compact.substring(8);
        return SHAPE.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    public static Optional<String> of(ContextView context) {
        return context.getOrEmpty(KEY);
    }

    public static Optional<String> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(KEY));
    }

    /**
     * A JSON error body with the request's id added as {@value #BODY_MEMBER}: every error body carries it, so the id
     * a caller quotes to support finds that refusal's log line and audit rows. The body stays a map for whoever
     * reads the response before it is written ({@code ProtocolErrors}).
     */
    public static Mono<ServerResponse> errorBody(ServerResponse.BodyBuilder response, Map<String, ?> body) {
        return Mono.deferContextual(context -> {
            Map<String, Object> withId = new LinkedHashMap<>(body);
            of(context).ifPresent(id -> withId.put(BODY_MEMBER, id));
            return response.bodyValue(withId);
        });
    }

    /**
     * The request's id in the logging MDC until closed, for what an exception handler logs: it runs outside
     * {@link CorrelationIdFilter}'s context, where the MDC would name no request or another one.
     */
    public static MDC.MDCCloseable inLogs(ServerWebExchange exchange) {
        return MDC.putCloseable(KEY, of(exchange).orElse("-"));
    }

    /**
     * Writes a log line of the request with its id in the logging MDC (the pattern's {@code %X{correlationId}}). The
     * id reaches the MDC only here, at the log lines a request's outcome is read from: restoring it into thread locals
     * at every Reactor operator (automatic context propagation) cost a third of the token endpoint's CPU. Code that
     * holds the exchange instead uses {@link #inLogs(ServerWebExchange)}.
     */
    public static void log(ContextView context, Runnable line) {
        String id = context.<String>getOrDefault(KEY, null);
        if (id == null) {
            line.run();
            return;
        }
        String outer = MDC.get(KEY);
        MDC.put(KEY, id);
        try {
            line.run();
        }
        finally {
            if (outer == null) {
                MDC.remove(KEY);
            }
            else {
                MDC.put(KEY, outer);
            }
        }
    }

    /** The request's id as a Reactor context, for code that runs outside {@link CorrelationIdFilter}'s chain. */
    public static Context context(ServerWebExchange exchange) {
        return of(exchange).map(id -> Context.of(KEY, id)).orElse(Context.empty());
    }
}
