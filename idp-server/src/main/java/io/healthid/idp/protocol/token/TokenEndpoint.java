package io.healthid.idp.protocol.token;

import io.healthid.idp.claims.IdTokenNames;
import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.observability.TokenEvents;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import java.security.Principal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The token endpoint ({@code /protocol/openid-connect/token}): client authentication, then the grant, both by SAS's
 * providers; replay of a code or a rotated refresh token revokes everything issued from it, and a refresh token dies
 * with its SSO session.
 */
public class TokenEndpoint {

    private final ProtocolCore core;
    private final ClientAuthentication clientAuthentication;
    private final TokenReplayDefense replayDefense;
    private final SessionBoundRefresh sessionBoundRefresh;
    private final TokenResponses responses;
    private final TokenEventRecorder events;
    private final IdTokenNames idTokenNames;

    public TokenEndpoint(ProtocolCore core, ClientAuthentication clientAuthentication, TokenReplayDefense replayDefense,
            SessionBoundRefresh sessionBoundRefresh, TokenResponses responses, TokenEvents events,
            IdTokenNames idTokenNames) {
        this.core = core;
        this.clientAuthentication = clientAuthentication;
        this.replayDefense = replayDefense;
        this.sessionBoundRefresh = sessionBoundRefresh;
        this.responses = responses;
        this.events = new TokenEventRecorder(events);
        this.idTokenNames = idTokenNames;
    }

    public Mono<ServerResponse> token(ServerRequest request) {
        return this.clientAuthentication.authenticate(request)
            .map(authenticated -> GrantRequestConverter.convert(authenticated.parameters(), authenticated.client()))
            .flatMap(grant -> this.replayDefense.guard(grant)
                .flatMap(authorization -> Mono.when(this.sessionBoundRefresh.check(grant, authorization),
                            prefetchNames(authorization))
                        .then(this.core.authenticate(grant))
                        .cast(OAuth2AccessTokenAuthenticationToken.class)
                        .flatMap(issued -> this.events.issued(grant, issued, authorization)
                            .thenReturn(this.responses.of(issued, authorization)))
                        // refused after the credential was marked: give the mark back, only success uses it
                        .onErrorResume(ex -> this.replayDefense.release(grant).then(Mono.error(ex))))
                .switchIfEmpty(Mono.defer(() -> this.core.authenticate(grant)
                    .cast(OAuth2AccessTokenAuthenticationToken.class)
                    .flatMap(issued -> this.events.issued(grant, issued, null)
                        .thenReturn(this.responses.of(issued, null)))))
                .onErrorResume(GrantReplayedException.class,
                        replay -> this.events.replayed(grant, replay).then(Mono.error(replay)))
                .doFinally(signal -> this.replayDefense.forgetHandOver(grant)))
            .flatMap(response -> response)
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()));
    }

    /** The ID token's directory names, read here so that SAS's worker does not wait for the directory. */
    private Mono<Void> prefetchNames(OAuth2Authorization authorization) {
        return authorization.getAttribute(Principal.class.getName()) instanceof PractitionerAuthentication person
                ? this.idTokenNames.prefetch(person.getNationalId()) : Mono.empty();
    }
}
