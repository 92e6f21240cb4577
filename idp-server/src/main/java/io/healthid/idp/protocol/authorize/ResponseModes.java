package io.healthid.idp.protocol.authorize;

import io.healthid.idp.protocol.RequestParameters;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;

/**
 * How the authorization response travels back (OAuth 2.0 Multiple Response Type Encoding Practices 2.1 and OAuth 2.0
 * Form Post Response Mode): in the query (the default for {@code code}) or as an auto-submitted form. Anything else
 * ({@code fragment}, JARM) is refused rather than silently answered in the query.
 */
public enum ResponseModes {

    QUERY("query"), FORM_POST("form_post");

    /** What discovery advertises: exactly what {@link #of} accepts. */
    public static final List<String> SUPPORTED = List.of(QUERY.value, FORM_POST.value);

    private final String value;

    ResponseModes(String value) {
        this.value = value;
    }

    /** The request's mode; {@code invalid_request} (never redirected: nothing is validated yet) when unsupported. */
    public static ResponseModes of(RequestParameters parameters) {
        String mode = parameters.get("response_mode");
        if (mode == null || QUERY.value.equals(mode)) {
            return QUERY;
        }
        if (FORM_POST.value.equals(mode)) {
            return FORM_POST;
        }
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                "response_mode is not supported", null), null);
    }
}
