package io.healthid.idp.protocol.authorize;

import io.healthid.idp.pages.Pages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The page shown instead of a redirect when an authorization request cannot be answered at its redirect URI (unknown
 * client, unregistered redirect URI, malformed request). The person reads what to do; the relying party's developers
 * read the OAuth error code with the parameter it is about and, in words ({@code page.request-invalid.*} in
 * {@code messages_fr} / {@code messages_en}), what was wrong and what we expect instead.
 */
final class AuthorizationErrorPage {

    private static final String KEYS = "page.request-invalid.";

    /** Parameters an error can be about, as SAS ("OAuth 2.0 Parameter: x") and our converter ("x is missing") name them. */
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
            "request_uri", "request", "code_challenge_method", "code_challenge", "max_age", "prompt");

    /** The errors (code, or code.parameter) the messages explain in their own words; any other shows its description. */
    private static final Set<String> EXPLAINED = Set.of("invalid_request.response_type", "unsupported_response_type",
            "invalid_request.client_id", "invalid_request.redirect_uri", "request_uri_not_supported",
            RequestObjectRefusal.REQUEST_NOT_SUPPORTED);

    private static final String SAS_PREFIX = "OAuth 2.0 Parameter: ";

    /** @param requestObjectSent whether the request carried a {@code request} object, which is never read */
    Mono<ServerResponse> render(OAuth2Error error, boolean requestObjectSent) {
        String code = error.getErrorCode();
        String parameter = parameterOf(error.getDescription());
        String specific = parameter == null ? code : code + "." + parameter;
        String explained = EXPLAINED.contains(specific) ? specific : EXPLAINED.contains(code) ? code : "other";
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("detailKey", KEYS + explained);
        model.put("detailArgument", error.getDescription() == null ? code : error.getDescription());
        model.put("requestObjectSent", requestObjectSent && !RequestObjectRefusal.REQUEST_NOT_SUPPORTED.equals(code));
        return Pages.problem(HttpStatus.BAD_REQUEST, KEYS + "title", KEYS + "message",
                parameter == null ? code : code + " (" + parameter + ")", model);
    }

    static String parameterOf(String description) {
        if (description == null) {
            return null;
        }
        String subject = description.startsWith(SAS_PREFIX) ? description.substring(SAS_PREFIX.length()) : description;
        String first = subject.split("[ =:]", 2)[0];
        return PARAMETERS.contains(first) ? first : null;
    }
}
