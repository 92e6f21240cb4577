package io.healthid.idp.protocol.authorize;

import io.healthid.idp.pages.Pages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The page shown instead of a redirect when an authorization request cannot be answered at its redirect URI (unknown
 * client, unregistered redirect URI, malformed request). The person reads what to do; the relying party's developers
 * read the OAuth error code and, in words, which parameter was wrong and what we expect instead.
 */
public final class AuthorizationErrorPage {

    /** Parameters an error can be about, as SAS ("OAuth 2.0 Parameter: x") and our converter ("x is missing") name them. */
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
            "request_uri", "request", "code_challenge_method", "code_challenge", "max_age", "prompt");

    private static final String SAS_PREFIX = "OAuth 2.0 Parameter: ";

    private final MessageSource messages;

    public AuthorizationErrorPage() {
        ResourceBundleMessageSource bundle = new ResourceBundleMessageSource();
        bundle.setBasename("messages/authorization-errors");
        bundle.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundle.setFallbackToSystemLocale(false);
        this.messages = bundle;
    }

    /** @param requestObjectSent whether the request carried a {@code request} object, which we never read */
    public Mono<ServerResponse> render(OAuth2Error error, boolean requestObjectSent, Locale locale) {
        String parameter = parameterOf(error.getDescription());
        String explanation = explain(error, parameter, locale);
        if (requestObjectSent && !RequestObjectRefusal.REQUEST_NOT_SUPPORTED.equals(error.getErrorCode())) {
            explanation = this.messages.getMessage("authorize.error.request_not_supported", null, locale) + " " + explanation;
        }
        String code = parameter == null ? error.getErrorCode() : error.getErrorCode() + " (" + parameter + ")";
        return Pages.problem(HttpStatus.BAD_REQUEST, locale, this.messages.getMessage("authorize.error.title", null, locale),
                this.messages.getMessage("authorize.error.message", null, locale), code,
                Map.of("detailHeading", this.messages.getMessage("authorize.error.detail.heading", null, locale),
                        "detail", explanation));
    }

    /** The words for this code and parameter, or for this code, else the error's own description. */
    private String explain(OAuth2Error error, String parameter, Locale locale) {
        String code = error.getErrorCode();
        String specific = parameter == null ? null
                : this.messages.getMessage("authorize.error." + code + "." + parameter, null, null, locale);
        if (specific == null) {
            specific = this.messages.getMessage("authorize.error." + code, null, null, locale);
        }
        return specific != null ? specific : this.messages.getMessage("authorize.error.other",
                new Object[] {error.getDescription() == null ? code : error.getDescription()}, locale);
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
