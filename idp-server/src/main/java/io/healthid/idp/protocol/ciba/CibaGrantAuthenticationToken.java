package io.healthid.idp.protocol.ciba;

import java.io.Serial;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/** A token request with {@code grant_type=urn:openid:params:grant-type:ciba} (CIBA Core section 10.1), in SAS's shape. */
public class CibaGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken {

    @Serial
    private static final long serialVersionUID = 1L;

    public static final AuthorizationGrantType CIBA = new AuthorizationGrantType("urn:openid:params:grant-type:ciba");

    private final String authReqId;

    public CibaGrantAuthenticationToken(String authReqId, Authentication clientPrincipal, Map<String, Object> additionalParameters) {
        super(CIBA, clientPrincipal, additionalParameters);
        this.authReqId = authReqId;
    }

    public String getAuthReqId() {
        return this.authReqId;
    }
}
