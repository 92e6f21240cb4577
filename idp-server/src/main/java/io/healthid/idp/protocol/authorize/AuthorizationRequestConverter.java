package io.healthid.idp.protocol.authorize;

import io.healthid.idp.protocol.AnonymousPrincipal;
import io.healthid.idp.protocol.RequestParameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * Turns authorization request parameters into SAS's {@link OAuth2AuthorizationCodeRequestAuthenticationToken}
 * (the WebFlux twin of SAS's servlet converter). Errors found here are never redirected: the client and its redirect
 * URI are not validated yet.
 */
public final class AuthorizationRequestConverter {

    /** RFC 7636 4.2: code-challenge = 43*128unreserved. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_PORT = 65535;

    private final String authorizationUri;

    public AuthorizationRequestConverter(String authorizationUri) {
        this.authorizationUri = authorizationUri;
    }

    /** @param principal the session's practitioner, or {@code null} when the person must authenticate */
    public OAuth2AuthorizationCodeRequestAuthenticationToken convert(RequestParameters parameters, Authentication principal) {
        String clientId = parameters.get(OAuth2ParameterNames.CLIENT_ID);
        if (clientId == null) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "client_id is missing");
        }
        if (parameters.has("request_uri")) {
            // PAR and request_uri are not offered (discovery says so); refusing beats silently ignoring them. A request
            // object by value is refused by SAS's validation chain, once the redirect URI is known (RequestObjectRefusal)
            throw error("request_uri_not_supported", "request_uri is not supported: send the authorization parameters in the query");
        }
        String responseType = parameters.get(OAuth2ParameterNames.RESPONSE_TYPE);
        if (responseType == null) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "response_type is missing");
        }
        if (!"code".equals(responseType)) {
            throw error(OAuth2ErrorCodes.UNSUPPORTED_RESPONSE_TYPE, "only response_type=code is supported");
        }
        String codeChallenge = parameters.get(PkceParameterNames.CODE_CHALLENGE);
        if (codeChallenge != null && !CODE_CHALLENGE.matcher(codeChallenge).matches()) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "code_challenge is malformed");
        }
        if (!hasValidPort(parameters.get(OAuth2ParameterNames.REDIRECT_URI))) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "redirect_uri is malformed");
        }
        String scope = parameters.get(OAuth2ParameterNames.SCOPE);
        Set<String> scopes = scope == null ? null : new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
        Map<String, Object> additional = parameters.allExcept(OAuth2ParameterNames.RESPONSE_TYPE,
                OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.REDIRECT_URI, OAuth2ParameterNames.SCOPE,
                OAuth2ParameterNames.STATE);
        return new OAuth2AuthorizationCodeRequestAuthenticationToken(this.authorizationUri, clientId,
                principal == null ? AnonymousPrincipal.INSTANCE : principal, parameters.get(OAuth2ParameterNames.REDIRECT_URI),
                parameters.get(OAuth2ParameterNames.STATE), scopes, additional);
    }

    /**
     * A loopback redirect URI may carry any port (RFC 8252 7.3, which SAS honours), but a port is 0-65535
     * (RFC 3986 3.2.3 with RFC 6335): {@code http://127.0.0.1:99999/cb} names no socket a client could listen on.
     */
    private static boolean hasValidPort(String redirectUri) {
        if (redirectUri == null) {
            return true;
        }
        try {
            int port = new URI(redirectUri).getPort();
            return port <= MAX_PORT;
        }
        catch (URISyntaxException ex) {
            // SAS refuses what it cannot parse, with the registered-URI check
            return true;
        }
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(code, description, null), null);
    }
}
