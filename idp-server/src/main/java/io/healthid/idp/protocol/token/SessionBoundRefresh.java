package io.healthid.idp.protocol.token;

import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.session.LoginSessionStore;
import java.security.Principal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * A refresh token lives no longer than the SSO session it was issued in (as in Keycloak, which PSC runs on): after a
 * logout, or once the session's 4 h absolute or 30 min idle lifetime is over, refreshing fails and the tokens are
 * revoked. A refresh counts as use of the session and restarts its idle timer.
 */
public class SessionBoundRefresh {

    private final ProtocolCore core;
    private final OAuth2AuthorizationService authorizations;
    private final LoginSessionStore sessions;

    public SessionBoundRefresh(ProtocolCore core, OAuth2AuthorizationService authorizations, LoginSessionStore sessions) {
        this.core = core;
        this.authorizations = authorizations;
        this.sessions = sessions;
    }

    /** @param authorization the one the refresh token belongs to, as {@link TokenReplayDefense#guard} found it */
    public Mono<Void> check(OAuth2AuthorizationGrantAuthenticationToken grant, OAuth2Authorization authorization) {
        if (!(grant instanceof OAuth2RefreshTokenAuthenticationToken)) {
            return Mono.empty();
        }
        Principal principal = authorization.getAttribute(Principal.class.getName());
        if (!(principal instanceof PractitionerAuthentication person) || person.getSessionId() == null) {
            // no browser session (CIBA): the refresh token lives by its own lifetime
            return Mono.empty();
        }
        return this.sessions.touch(person.getSessionId())
            .flatMap(open -> open ? Mono.<Void>empty()
                    : this.core.call(() -> {
                        this.authorizations.remove(authorization);
                        return Boolean.TRUE;
                    }).then(Mono.error(new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                            "The session this refresh token belongs to has ended", null)))));
    }
}
