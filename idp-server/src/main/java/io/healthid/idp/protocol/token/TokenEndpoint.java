package io.healthid.idp.protocol.token;

import io.healthid.idp.config.IdpProperties;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.clientauth.ClientAuthenticationConverter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The token endpoint ({@code /protocol/openid-connect/token}): client authentication, then the grant, both by SAS's
 * providers; replay of a code or a rotated refresh token revokes everything issued from it.
 */
public class TokenEndpoint {

    private final ProtocolCore core;
    private final TokenReplayDefense replayDefense;
    private final TokenResponses responses;
    private final IdpProperties.Limits limits;

    public TokenEndpoint(ProtocolCore core, TokenReplayDefense replayDefense, TokenResponses responses,
            IdpProperties.Limits limits) {
        this.core = core;
        this.replayDefense = replayDefense;
        this.responses = responses;
        this.limits = limits;
    }

    public Mono<ServerResponse> token(ServerRequest request) {
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> this.core.authenticate(ClientAuthenticationConverter.convert(request.exchange(), parameters))
                .map(client -> GrantRequestConverter.convert(parameters, client))
                .flatMap(grant -> this.replayDefense.guard(grant).then(this.core.authenticate(grant))))
            .cast(OAuth2AccessTokenAuthenticationToken.class)
            .flatMap(this.responses::of)
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()));
    }
}
