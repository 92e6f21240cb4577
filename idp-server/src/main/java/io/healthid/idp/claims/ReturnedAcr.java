package io.healthid.idp.claims;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.model.Acr;
import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.settings.AcrClaim;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The {@code acr} the tokens issued from an authorization carry (OIDC Core 2: a class the authentication satisfied).
 * By default ({@link AcrClaim#REQUESTED}) the strongest value the client listed in {@code acr_values} that the login
 * satisfies, so a client that accepts only what it asked for (ANS's Keycloak connector accepts {@code eidas1} only)
 * signs people in after a stronger login; otherwise, and for {@link AcrClaim#ACHIEVED} clients, the achieved level.
 */
public final class ReturnedAcr {

    private ReturnedAcr() {
    }

    public static String of(PractitionerAuthentication person, OAuth2Authorization authorization, RegisteredClient client) {
        OAuth2AuthorizationRequest request = authorization == null ? null
                : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
        Object acrValues = request == null ? null : request.getAdditionalParameters().get("acr_values");
        AcrClaim policy = client.getClientSettings().getSetting(RegisteredClientMapper.ACR_CLAIM);
        return returned(person.getAcr(), acrValues instanceof String values ? values : null,
                policy == null ? AcrClaim.REQUESTED : policy);
    }

    static String returned(String achieved, String acrValues, AcrClaim policy) {
        Optional<Acr> reached = Acr.of(achieved);
        if (policy == AcrClaim.ACHIEVED || acrValues == null || reached.isEmpty()) {
            return achieved;
        }
        return Arrays.stream(acrValues.trim().split(" +"))
            .map(Acr::of)
            .flatMap(Optional::stream)
            .filter(reached.get()::satisfies)
            .max(Comparator.naturalOrder())
            .map(Acr::value)
            .orElse(achieved);
    }
}
