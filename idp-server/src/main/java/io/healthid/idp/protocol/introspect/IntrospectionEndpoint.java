package io.healthid.idp.protocol.introspect;

import io.healthid.idp.config.IdpProperties;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.clientauth.ClientAuthenticationConverter;
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
    private final IdpProperties.Limits limits;

    public IntrospectionEndpoint(ProtocolCore core, IdpProperties.Limits limits) {
        this.core = core;
        this.limits = limits;
    }

    public Mono<ServerResponse> introspect(ServerRequest request) {
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> this.core.authenticate(ClientAuthenticationConverter.convert(request.exchange(), parameters))
                .flatMap(client -> this.core.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(
                        parameters.require("token"), client, parameters.get("token_type_hint"), Map.of()))))
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
