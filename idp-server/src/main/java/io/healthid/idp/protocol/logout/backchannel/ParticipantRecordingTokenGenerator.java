package io.healthid.idp.protocol.logout.backchannel;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.model.PractitionerAuthentication;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * SAS's token generator, which also notes each ID token issued in an SSO session to a client that registered a
 * back-channel logout URI: the {@code sub} and {@code sid} it was given are what its logout token will carry. Noted when
 * the code is redeemed (two Redis writes); a refresh, in the same session for the same client, notes nothing new.
 */
public final class ParticipantRecordingTokenGenerator implements OAuth2TokenGenerator<OAuth2Token> {

    private final OAuth2TokenGenerator<? extends OAuth2Token> delegate;
    private final SessionParticipants participants;

    public ParticipantRecordingTokenGenerator(OAuth2TokenGenerator<? extends OAuth2Token> delegate,
            SessionParticipants participants) {
        this.delegate = delegate;
        this.participants = participants;
    }

    @Override
    public @Nullable OAuth2Token generate(OAuth2TokenContext context) {
        OAuth2Token token = this.delegate.generate(context);
        // a refresh stays in the session and client its code was redeemed in: same sid and sub, already noted
        if (token instanceof Jwt idToken
                && OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
                && !AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
                && context.getPrincipal() instanceof PractitionerAuthentication person
                && person.getSessionId() != null
                && idToken.getClaimAsString("sid") != null
                && context.getRegisteredClient().getClientSettings()
                    .getSetting(RegisteredClientMapper.BACKCHANNEL_LOGOUT_URI) != null) {
            this.participants.record(person.getSessionId(), new Participant(context.getRegisteredClient().getClientId(),
                    idToken.getSubject(), idToken.getClaimAsString("sid")));
        }
        return token;
    }
}
