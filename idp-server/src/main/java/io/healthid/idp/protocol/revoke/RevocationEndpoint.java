package io.healthid.idp.protocol.revoke;

import io.healthid.idp.config.IdpProperties;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.clientauth.ClientAuthenticationConverter;
import org.springframework.http.CacheControl;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Token revocation (RFC 7009): 200 whether or not the token was known, so the answer reveals nothing. */
public class RevocationEndpoint {

    private final ProtocolCore core;
    private final IdpProperties.Limits limits;

    public RevocationEndpoint(ProtocolCore core, IdpProperties.Limits limits) {
        this.core = core;
        this.limits = limits;
    }

    public Mono<ServerResponse> revoke(ServerRequest request) {
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> this.core.authenticate(ClientAuthenticationConverter.convert(request.exchange(), parameters))
                .flatMap(client -> this.core.authenticate(new OAuth2TokenRevocationAuthenticationToken(
                        parameters.require("token"), client, parameters.get("token_type_hint")))))
            .then(ServerResponse.ok().cacheControl(CacheControl.noStore()).build())
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()));
    }
}
