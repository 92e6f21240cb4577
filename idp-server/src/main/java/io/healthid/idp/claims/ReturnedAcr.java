package io.healthid.idp.claims;

import io.healthid.idp.authn.PractitionerAuthentication;
import io.healthid.idp.client.RegisteredClientMapper;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The {@code acr} a token issued from an authorization carries: {@link AcrLevels#returned} under the client's setting. */
public final class ReturnedAcr {

    private ReturnedAcr() {
    }

    public static String of(PractitionerAuthentication person, OAuth2Authorization authorization, RegisteredClient client) {
        OAuth2AuthorizationRequest request = authorization == null ? null
                : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object acrValues = request == null ? null : request.getAdditionalParameters().get("acr_values");
        AcrClaim policy = client.getClientSettings().getSetting(RegisteredClientMapper.ACR_CLAIM);
        return AcrLevels.returned(person.getAcr(), acrValues instanceof String values ? values : null,
                policy == null ? AcrClaim.REQUESTED : policy);
    }
}
