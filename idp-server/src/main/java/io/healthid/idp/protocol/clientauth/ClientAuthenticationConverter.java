package io.healthid.idp.protocol.clientauth;

import io.healthid.idp.protocol.RequestParameters;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads how a client authenticates at the token, introspection and revocation endpoints and turns it into SAS's
 * {@link OAuth2ClientAuthenticationToken}, which SAS's client authentication providers verify (secret, JWT assertion,
 * PKCE for public clients). RFC 6749 2.3 forbids using more than one method in a request.
 */
public final class ClientAuthenticationConverter {

    /** SAS's method name for both JWT assertion kinds; the provider tells private_key_jwt from client_secret_jwt. */
    static final ClientAuthenticationMethod JWT_ASSERTION = new ClientAuthenticationMethod(
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");

    private ClientAuthenticationConverter() {
    }

    /**
     * @param mutualTlsChain the client certificate chain of a mutual-TLS request (card listener or trusted proxy),
     *     empty otherwise; with a {@code client_id} and no other method, it is {@code tls_client_auth} (RFC 8705)
     * @throws OAuth2AuthenticationException {@code invalid_client} when no method is present, {@code invalid_request}
     *     when several are
     */
    public static OAuth2ClientAuthenticationToken convert(ServerWebExchange exchange, RequestParameters parameters,
            List<X509Certificate> mutualTlsChain) {
        List<OAuth2ClientAuthenticationToken> found = new ArrayList<>(1);
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            found.add(basic(header.substring(6).trim(), parameters));
        }
        if (parameters.has(OAuth2ParameterNames.CLIENT_ASSERTION) || parameters.has(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE)) {
            if (!JWT_ASSERTION.getValue().equals(parameters.get(OAuth2ParameterNames.CLIENT_ASSERTION_TYPE))) {
                throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "unsupported client_assertion_type");
            }
            found.add(new OAuth2ClientAuthenticationToken(parameters.require(OAuth2ParameterNames.CLIENT_ID), JWT_ASSERTION,
                    parameters.require(OAuth2ParameterNames.CLIENT_ASSERTION),
                    codeGrantParameters(parameters, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE,
                            OAuth2ParameterNames.CLIENT_ASSERTION, OAuth2ParameterNames.CLIENT_ID)));
        }
        if (parameters.has(OAuth2ParameterNames.CLIENT_SECRET)) {
            found.add(new OAuth2ClientAuthenticationToken(parameters.require(OAuth2ParameterNames.CLIENT_ID),
                    ClientAuthenticationMethod.CLIENT_SECRET_POST, parameters.get(OAuth2ParameterNames.CLIENT_SECRET),
                    codeGrantParameters(parameters, OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.CLIENT_SECRET)));
        }
        if (found.size() > 1) {
            throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "use exactly one client authentication method");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (parameters.has(OAuth2ParameterNames.CLIENT_ID) && !mutualTlsChain.isEmpty()) {
            // before the public-client case: a tls_client_auth client redeeming a code sends a code_verifier too
            // (RFC 8705 2; SAS's X509 provider then checks PKCE as well)
            return new OAuth2ClientAuthenticationToken(parameters.get(OAuth2ParameterNames.CLIENT_ID),
                    ClientAuthenticationMethod.TLS_CLIENT_AUTH, mutualTlsChain.toArray(X509Certificate[]::new),
                    codeGrantParameters(parameters, OAuth2ParameterNames.CLIENT_ID));
        }
        if (parameters.has(OAuth2ParameterNames.CLIENT_ID) && parameters.has(PkceParameterNames.CODE_VERIFIER)
                && isCodeGrant(parameters)) {
            // a public client proves itself with PKCE (RFC 7636), checked by SAS's PublicClientAuthenticationProvider
            return new OAuth2ClientAuthenticationToken(parameters.get(OAuth2ParameterNames.CLIENT_ID),
                    ClientAuthenticationMethod.NONE, null, parameters.allExcept(OAuth2ParameterNames.CLIENT_ID));
        }
        throw invalid(OAuth2ErrorCodes.INVALID_CLIENT, "client authentication is required");
    }

    private static OAuth2ClientAuthenticationToken basic(String encoded, RequestParameters parameters) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw invalid(OAuth2ErrorCodes.INVALID_CLIENT, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw invalid(OAuth2ErrorCodes.INVALID_CLIENT, "malformed Basic credentials");
        }
        try {
            // RFC 6749 2.3.1: both parts are form-urlencoded before Basic encoding
            String clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            String formClientId = parameters.get(OAuth2ParameterNames.CLIENT_ID);
            if (formClientId != null && !formClientId.equals(clientId)) {
                throw invalid(OAuth2ErrorCodes.INVALID_REQUEST, "client_id does not match the Basic credentials");
            }
            return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.CLIENT_SECRET_BASIC, secret,
                    codeGrantParameters(parameters, OAuth2ParameterNames.CLIENT_ID));
        }
        catch (IllegalArgumentException ex) {
            throw invalid(OAuth2ErrorCodes.INVALID_CLIENT, "malformed Basic credentials");
        }
    }

    /** SAS's client providers verify PKCE during client authentication, so they need the code request's parameters. */
    private static Map<String, Object> codeGrantParameters(RequestParameters parameters, String... excluded) {
        return isCodeGrant(parameters) ? parameters.allExcept(excluded) : Map.of();
    }

    private static boolean isCodeGrant(RequestParameters parameters) {
        return "authorization_code".equals(parameters.get(OAuth2ParameterNames.GRANT_TYPE))
                && parameters.has(OAuth2ParameterNames.CODE);
    }

    private static OAuth2AuthenticationException invalid(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
