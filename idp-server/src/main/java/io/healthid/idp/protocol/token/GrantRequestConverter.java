package io.healthid.idp.protocol.token;

import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.ciba.CibaGrantAuthenticationToken;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;

/** Turns a token request's grant into the SAS token its provider expects (the grants discovery advertises). */
public final class GrantRequestConverter {

    private GrantRequestConverter() {
    }

    public static OAuth2AuthorizationGrantAuthenticationToken convert(RequestParameters parameters, Authentication client) {
        String grantType = parameters.get(OAuth2ParameterNames.GRANT_TYPE);
        if (grantType == null) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "grant_type is missing");
        }
        return switch (grantType) {
            case "authorization_code" -> new OAuth2AuthorizationCodeAuthenticationToken(
                    parameters.require(OAuth2ParameterNames.CODE), client, parameters.get(OAuth2ParameterNames.REDIRECT_URI),
                    parameters.allExcept(OAuth2ParameterNames.GRANT_TYPE, OAuth2ParameterNames.CLIENT_ID,
                            OAuth2ParameterNames.CODE, OAuth2ParameterNames.REDIRECT_URI, OAuth2ParameterNames.CLIENT_SECRET,
                            OAuth2ParameterNames.CLIENT_ASSERTION));
            case "refresh_token" -> new OAuth2RefreshTokenAuthenticationToken(
                    parameters.require(OAuth2ParameterNames.REFRESH_TOKEN), client, scopes(parameters),
                    parameters.allExcept(OAuth2ParameterNames.GRANT_TYPE, OAuth2ParameterNames.REFRESH_TOKEN,
                            OAuth2ParameterNames.SCOPE, OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.CLIENT_SECRET,
                            OAuth2ParameterNames.CLIENT_ASSERTION));
            case "client_credentials" -> new OAuth2ClientCredentialsAuthenticationToken(client, scopes(parameters),
                    parameters.allExcept(OAuth2ParameterNames.GRANT_TYPE, OAuth2ParameterNames.SCOPE,
                            OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.CLIENT_SECRET,
                            OAuth2ParameterNames.CLIENT_ASSERTION));
            case "urn:openid:params:grant-type:ciba" -> new CibaGrantAuthenticationToken(parameters.require("auth_req_id"),
                    client, parameters.allExcept(OAuth2ParameterNames.GRANT_TYPE, "auth_req_id", OAuth2ParameterNames.CLIENT_ID,
                            OAuth2ParameterNames.CLIENT_SECRET, OAuth2ParameterNames.CLIENT_ASSERTION));
            default -> throw error(OAuth2ErrorCodes.UNSUPPORTED_GRANT_TYPE, "grant_type '" + printable(grantType) + "' is not supported");
        };
    }

    private static Set<String> scopes(RequestParameters parameters) {
        String scope = parameters.get(OAuth2ParameterNames.SCOPE);
        return scope == null ? null : new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
    }

    private static String printable(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) : value;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
