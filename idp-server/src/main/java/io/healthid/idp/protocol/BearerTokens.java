package io.healthid.idp.protocol;

import io.healthid.idp.observability.CorrelationId;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Bearer token handling of protected resources (RFC 6750): where the token is read from, and the challenges. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /** The token from the {@code Authorization: Bearer} header, or from an {@code access_token} form field on POST (RFC 6750 2.2). */
    public static Mono<String> read(ServerRequest request, int maxParameters, int maxLength) {
        String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
                return Mono.error(RequestParameters.invalidRequest("malformed Authorization header"));
            }
            return Mono.just(header.substring(7).trim());
        }
        MediaType contentType = request.headers().contentType().orElse(null);
        if (request.method().name().equals("POST") && contentType != null
                && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)) {
            return RequestParameters.fromForm(request.exchange(), maxParameters, maxLength)
                .mapNotNull(parameters -> parameters.get("access_token"));
        }
        return Mono.empty();
    }

    /** 401 with a Bearer challenge; {@code error} is {@code null} when no token was sent at all (RFC 6750 3.1). */
    public static Mono<ServerResponse> challenge(HttpStatus status, String error, String description) {
        StringBuilder challenge = new StringBuilder("Bearer realm=\"userinfo\"");
        if (error != null) {
            challenge.append(", error=\"").append(error).append('"');
            if (description != null) {
                challenge.append(", error_description=\"").append(description.replace('"', '\'')).append('"');
            }
        }
        ServerResponse.BodyBuilder response = ServerResponse.status(status).header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
        if (error == null) {
            return response.build();
        }
        return CorrelationId.errorBody(response.contentType(MediaType.APPLICATION_JSON),
                Map.of("error", error, "error_description", description == null ? error : description));
    }
}
