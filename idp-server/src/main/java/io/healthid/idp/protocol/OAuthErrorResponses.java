package io.healthid.idp.protocol;

import io.healthid.idp.observability.CorrelationId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * JSON error responses of the back-channel endpoints (RFC 6749 5.2, RFC 6750 3): the status follows the error code,
 * {@code invalid_client} carries a {@code WWW-Authenticate} challenge, and nothing else leaks (no stack, no class).
 */
public final class OAuthErrorResponses {

    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private OAuthErrorResponses() {
    }

    public static Mono<ServerResponse> json(OAuth2Error error) {
        return json(error, statusOf(error.getErrorCode()));
    }

    /** The same body with a status the error code does not imply (413 for a body too large). */
    public static Mono<ServerResponse> json(OAuth2Error error, HttpStatusCode status) {
        ServerResponse.BodyBuilder response = ServerResponse.status(status)
            .contentType(MediaType.APPLICATION_JSON)
            .cacheControl(CacheControl.noStore())
            .header(HttpHeaders.PRAGMA, "no-cache");
        if (HttpStatus.UNAUTHORIZED.equals(status)) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\", error=\"" + error.getErrorCode() + "\"");
        }
        if (HttpStatus.SERVICE_UNAVAILABLE.equals(status)) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return CorrelationId.errorBody(response, body(error));
    }

    public static Map<String, Object> body(OAuth2Error error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.getErrorCode());
        if (error.getDescription() != null) {
            body.put("error_description", error.getDescription());
        }
        if (error.getUri() != null) {
            body.put("error_uri", error.getUri());
        }
        return body;
    }

    public static HttpStatus statusOf(String errorCode) {
        return switch (errorCode) {
            case OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
            // access_denied at the token endpoint is a 400 (RFC 6749 section 5.2, CIBA Core section 11)
            case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
            case OAuth2ErrorCodes.SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
    }
}
