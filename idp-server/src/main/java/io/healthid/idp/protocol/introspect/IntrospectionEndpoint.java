package io.healthid.idp.protocol.introspect;

import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Token introspection (RFC 7662), Keycloak-shaped as PSC answers it: the token's claims plus {@code active},
 * {@code client_id} and {@code username} (the national identifier). An inactive or unknown token is just
 * {@code {"active": false}}.
 */
public class IntrospectionEndpoint {

    private final ProtocolCore core;
    private final ClientAuthentication clientAuthentication;

    public IntrospectionEndpoint(ProtocolCore core, ClientAuthentication clientAuthentication) {
        this.core = core;
        this.clientAuthentication = clientAuthentication;
    }

    public Mono<ServerResponse> introspect(ServerRequest request) {
        return this.clientAuthentication.authenticate(request)
            .flatMap(authenticated -> this.core.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(
                    authenticated.parameters().require("token"), authenticated.client(),
                    authenticated.parameters().get("token_type_hint"), Map.of())))
            .cast(OAuth2TokenIntrospectionAuthenticationToken.class)
            .flatMap(result -> {
                Map<String, Object> body = new LinkedHashMap<>(result.getTokenClaims().getClaims());
                Object username = body.get("preferred_username");
                if (username != null) {
                    body.putIfAbsent("username", username);
                }
                return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                    .bodyValue(body);
            })
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()));
    }
}
