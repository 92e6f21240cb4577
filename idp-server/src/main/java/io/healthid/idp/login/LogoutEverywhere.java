package io.healthid.idp.login;

import io.healthid.idp.authorization.RedisOAuth2AuthorizationService;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.session.LoginSessionStore;
import reactor.core.publisher.Mono;

/**
 * "Log out everywhere", asked from the phone or the account page: every SSO session of the person ends (the relying
 * parties that took part get their back-channel logout tokens, as for any logout), then every authorization issued to
 * them is revoked, those without a browser session (CIBA) included, so no refresh token of theirs works any more.
 * Sessions first: a silent login on a session about to end cannot issue a new authorization behind the revocation.
 */
public class LogoutEverywhere {

    /** What was ended: open SSO sessions and revoked authorizations (each holds a family of tokens). */
    public record Outcome(long sessions, int authorizations) {
    }

    private final LoginSessionStore sessions;
    private final RedisOAuth2AuthorizationService authorizations;
    private final ProtocolCore core;

    public LogoutEverywhere(LoginSessionStore sessions, RedisOAuth2AuthorizationService authorizations, ProtocolCore core) {
        this.sessions = sessions;
        this.authorizations = authorizations;
        this.core = core;
    }

    public Mono<Outcome> of(String nationalId) {
        return this.sessions.removeAllOf(nationalId)
            .flatMap(ended -> this.core.call(() -> this.authorizations.removeAllOf(nationalId))
                .map(revoked -> new Outcome(ended, revoked)));
    }
}
