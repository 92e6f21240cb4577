package io.healthid.idp.protocol.authorize;

import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.StringUtils;

/**
 * Request objects (the {@code request} parameter, OIDC Core 6.1) are not offered, and discovery says
 * {@code request_parameter_supported: false}. A request carrying one is answered, once SAS has validated its client
 * and redirect URI, by a redirect with {@code request_not_supported} (OIDC Core 3.1.2.6): ignoring it would act on
 * parameters the client did not mean, and an error page would leave the client without an answer.
 */
public final class RequestObjectRefusal implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    public static final String REQUEST_NOT_SUPPORTED = "request_not_supported";

    /** SAS's redirect URI validator, then this refusal, then SAS's scope validator. */
    public static Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> withSasValidators() {
        return OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
            .andThen(new RequestObjectRefusal())
            .andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR);
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        if (!request.getAdditionalParameters().containsKey("request")) {
            return;
        }
        RegisteredClient client = context.getRegisteredClient();
        // the redirect URI is validated by now: the request's, or the client's only one when the request named none
        String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
                : client.getRedirectUris().iterator().next();
        OAuth2AuthorizationCodeRequestAuthenticationToken answerTo = new OAuth2AuthorizationCodeRequestAuthenticationToken(
                request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
                redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
        throw new OAuth2AuthorizationCodeRequestAuthenticationException(new OAuth2Error(REQUEST_NOT_SUPPORTED,
                "request objects are not supported: send the authorization parameters in the query", null), answerTo);
    }
}
