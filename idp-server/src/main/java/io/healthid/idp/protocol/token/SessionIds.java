package io.healthid.idp.protocol.token;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.model.Sha256;
import java.security.Principal;
import java.util.Base64;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The {@code sid} SAS puts in an ID token, known before or without reading the token: a refresh repeats the sid of
 * the ID token already in the authorization; a code redemption takes SAS's hash of the SSO session id (SHA-256,
 * base64url, as {@code OAuth2AuthorizationCodeAuthenticationProvider} computes it).
 */
final class SessionIds {

    private SessionIds() {
    }

    /** @return the sid, or {@code null} when the authorization has no SSO session */
    static String sidOf(OAuth2Authorization authorization) {
        if (authorization == null) {
            return null;
        }
        OAuth2Authorization.Token<OidcIdToken> idToken = authorization.getToken(OidcIdToken.class);
        if (idToken != null) {
            return idToken.getToken().getClaimAsString("sid");
        }
        return authorization.getAttribute(Principal.class.getName()) instanceof PractitionerAuthentication person
                && person.getSessionId() != null ? hash(person.getSessionId()) : null;
    }

    private static String hash(String sessionId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.digest(sessionId));
    }
}
