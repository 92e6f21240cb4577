package io.healthid.idp.protocol;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The parameters of a protocol request, checked before anything else sees them: RFC 6749 section 3.1 forbids
 * repeating a parameter, and we bound their number and length so a hostile request costs little.
 */
public final class RequestParameters {

    private final Map<String, String> values;

    private RequestParameters(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Query parameters for GET, form parameters for POST (OIDC Core 3.1.2.1 allows both at the authorization endpoint). */
    public static Mono<RequestParameters> fromQueryOrForm(ServerWebExchange exchange, int maxParameters, int maxLength) {
        if (HttpMethod.POST.equals(exchange.getRequest().getMethod())) {
            return fromForm(exchange, maxParameters, maxLength);
        }
        return Mono.fromCallable(() -> of(exchange.getRequest().getQueryParams(), maxParameters, maxLength))
            .onErrorMap(BadInput::isBadInput, ex -> invalidRequest(BadInput.describe(ex)));
    }

    /** Form parameters only: token, introspection and revocation requests carry nothing in the query. */
    public static Mono<RequestParameters> fromForm(ServerWebExchange exchange, int maxParameters, int maxLength) {
        if (!BadInput.isFormWithKnownCharset(exchange.getRequest().getHeaders())) {
            return Mono.error(invalidRequest("the body must be application/x-www-form-urlencoded"));
        }
        return exchange.getFormData()
            // a body over the codec limit goes on to the error handler, which answers 413
            .onErrorMap(ex -> BadInput.isBadInput(ex) && !BadInput.isTooLarge(ex), ex -> invalidRequest(BadInput.describe(ex)))
            .map(form -> of(form, maxParameters, maxLength));
    }

    static RequestParameters of(MultiValueMap<String, String> raw, int maxParameters, int maxLength) {
        if (raw.size() > maxParameters) {
            throw invalidRequest("too many parameters");
        }
        Map<String, String> values = new HashMap<>();
        raw.forEach((name, list) -> {
            if (list.size() != 1) {
                throw invalidRequest("parameter '" + safeName(name) + "' is repeated");
            }
            String value = list.get(0) == null ? "" : list.get(0);
            if (name.length() > 64 || value.length() > maxLength) {
                throw invalidRequest("parameter '" + safeName(name) + "' is too long");
            }
            values.put(name, value);
        });
        return new RequestParameters(values);
    }

    /** The value, or {@code null} when absent or empty (an empty parameter is treated as omitted, RFC 6749 3.1). */
    public String get(String name) {
        String value = this.values.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String require(String name) {
        String value = get(name);
        if (value == null) {
            throw invalidRequest("parameter '" + name + "' is missing");
        }
        return value;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Every non-empty parameter except those named. */
    public Map<String, Object> allExcept(String... excluded) {
        Map<String, Object> copy = new HashMap<>();
        this.values.forEach((name, value) -> {
            if (!value.isEmpty()) {
                copy.put(name, value);
            }
        });
        for (String name : excluded) {
            copy.remove(name);
        }
        return copy;
    }

    /** The parameters as a multi-value map, for storing and resuming a request. */
    public Map<String, List<String>> toMap() {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        this.values.forEach(map::add);
        return map;
    }

    public static RequestParameters restore(Map<String, List<String>> stored) {
        return of(new LinkedMultiValueMap<>(stored), Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    public static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null));
    }

    private static String safeName(String name) {
        // echoed in an error: keep it short and printable
        String trimmed = name.length() > 32 ? name.substring(0, 32) : name;
        return trimmed.replaceAll("[^A-Za-z0-9_.-]", "?");
    }
}
