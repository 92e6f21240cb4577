package io.healthid.idp.protocol.revoke;

import io.healthid.idp.audit.TokenEventKind;
import io.healthid.idp.observability.TokenEvents;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import org.springframework.http.CacheControl;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** Token revocation (RFC 7009): 200 whether or not the token was known, so the answer reveals nothing. */
public class RevocationEndpoint {

    private final ProtocolCore core;
    private final ClientAuthentication clientAuthentication;
    private final TokenEvents events;

    public RevocationEndpoint(ProtocolCore core, ClientAuthentication clientAuthentication, TokenEvents events) {
        this.core = core;
        this.clientAuthentication = clientAuthentication;
        this.events = events;
    }

    public Mono<ServerResponse> revoke(ServerRequest request) {
        return this.clientAuthentication.authenticate(request)
            .flatMap(authenticated -> this.core.authenticate(new OAuth2TokenRevocationAuthenticationToken(
                    authenticated.parameters().require("token"), authenticated.client(),
                    authenticated.parameters().get("token_type_hint")))
                .then(this.events.publish(TokenEventKind.REVOKED, authenticated.client().getName(), null, null,
                        authenticated.parameters().require("token"))))
            .then(ServerResponse.ok().cacheControl(CacheControl.noStore()).build())
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()));
    }
}
