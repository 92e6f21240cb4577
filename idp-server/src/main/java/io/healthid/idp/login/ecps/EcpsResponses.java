package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.observability.CorrelationId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The device API's answers: JSON, never cached; refusals as {@code {"error","reason","correlation_id"}} with the
 * reason code that the phone shows and operators count. Unreadable bodies are refused like any other bad input (400),
 * never a 500.
 */
public final class EcpsResponses {

    private static final Logger logger = LoggerFactory.getLogger(EcpsResponses.class);

    private EcpsResponses() {
    }

    public static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return noStoreJson(status).bodyValue(body);
    }

    private static ServerResponse.BodyBuilder noStoreJson(HttpStatus status) {
        return ServerResponse.status(status)
            .contentType(MediaType.APPLICATION_JSON)
            .header(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    }

    public static Mono<ServerResponse> refusal(EcpsRefusal refusal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refusal.error());
        body.put("reason", refusal.reason().name());
        ServerResponse.BodyBuilder response = noStoreJson(refusal.status());
        if (refusal.status() == HttpStatus.UNAUTHORIZED) {
            // RFC 9449 section 7.1: the scheme and the error a client can act on
            response.header(HttpHeaders.WWW_AUTHENTICATE, "DPoP algs=\"ES256\", error=\"invalid_dpop_proof\"");
        }
        return CorrelationId.errorBody(response, body);
    }

    /** Refusals and unreadable input become their JSON answer; anything else stays an error for the global handler. */
    public static Function<Throwable, Mono<ServerResponse>> errors() {
        return ex -> {
            if (ex instanceof EcpsRefusal refusal) {
                return refusal(refusal);
            }
            if (ex instanceof ServerWebInputException || ex instanceof DecodingException
                    || ex instanceof IllegalArgumentException) {
                logger.debug("Unreadable device API request: {}", ex.getClass().getSimpleName());
                return CorrelationId.errorBody(noStoreJson(HttpStatus.BAD_REQUEST), Map.of("error", "invalid_request"));
            }
            return Mono.error(ex);
        };
    }
}
