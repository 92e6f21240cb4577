package io.healthid.idp.protocol.introspect;

import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
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

    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf");

    private final ProtocolCore core;
    private final ClientAuthentication clientAuthentication;
    private final Set<String> allowedClients;

    /** @param allowedClients the client ids that may introspect tokens issued to other clients */
    public IntrospectionEndpoint(ProtocolCore core, ClientAuthentication clientAuthentication, Set<String> allowedClients) {
        this.core = core;
        this.clientAuthentication = clientAuthentication;
        this.allowedClients = Set.copyOf(allowedClients);
    }

    private boolean mayRead(OAuth2TokenIntrospectionAuthenticationToken result) {
        if (!result.getTokenClaims().isActive()) {
            return true;
        }
        String caller = result.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId() : null;
        return caller != null && (this.allowedClients.contains(caller) || caller.equals(result.getTokenClaims().getClientId()));
    }

    public Mono<ServerResponse> introspect(ServerRequest request) {
        return this.clientAuthentication.authenticate(request)
            .flatMap(authenticated -> this.core.authenticate(new OAuth2TokenIntrospectionAuthenticationToken(
                    authenticated.parameters().require("token"), authenticated.client(),
                    authenticated.parameters().get("token_type_hint"), Map.of())))
            .cast(OAuth2TokenIntrospectionAuthenticationToken.class)
            .flatMap(result -> {
                if (!mayRead(result)) {
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                        .bodyValue(Map.of("active", false));
                }
                Map<String, Object> body = new LinkedHashMap<>();
                // RFC 7662 2.2: exp, iat and nbf are NumericDate (integer seconds), not ISO strings
                result.getTokenClaims().getClaims().forEach((name, value) -> body.put(name,
                        TIMES.contains(name) && value instanceof Instant instant ? instant.getEpochSecond() : value));
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
