package io.healthid.idp.protocol.clientauth;

import io.healthid.idp.config.IdpProperties;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import org.springframework.security.core.Authentication;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

/**
 * The first step of every back-channel endpoint (token, introspection, revocation): read the form, then have SAS's
 * client authentication providers verify the client.
 */
public final class ClientAuthentication {

    /** A back-channel request whose client is authenticated. */
    public record AuthenticatedRequest(RequestParameters parameters, Authentication client) {
    }

    private final ProtocolCore core;
    private final IdpProperties.Limits limits;

    public ClientAuthentication(ProtocolCore core, IdpProperties.Limits limits) {
        this.core = core;
        this.limits = limits;
    }

    public Mono<AuthenticatedRequest> authenticate(ServerRequest request) {
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> this.core.authenticate(ClientAuthenticationConverter.convert(request.exchange(), parameters))
                .map(client -> new AuthenticatedRequest(parameters, client)));
    }
}
