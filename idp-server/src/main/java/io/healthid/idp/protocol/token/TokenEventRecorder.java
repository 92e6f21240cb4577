package io.healthid.idp.protocol.token;

import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.audit.TokenEventKind;
import io.healthid.idp.observability.TokenEvents;
import java.text.ParseException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import reactor.core.publisher.Mono;

/** What the token endpoint tells {@link TokenEvents}: tokens issued or refreshed, grants replayed. */
class TokenEventRecorder {

    private final TokenEvents events;

    TokenEventRecorder(TokenEvents events) {
        this.events = events;
    }

    Mono<Void> issued(OAuth2AuthorizationGrantAuthenticationToken grant,
            OAuth2AccessTokenAuthenticationToken result) {
        String accessToken = result.getAccessToken().getTokenValue();
        TokenEventKind kind = AuthorizationGrantType.REFRESH_TOKEN.equals(grant.getGrantType()) ? TokenEventKind.REFRESHED
                : TokenEventKind.ISSUED;
        return this.events.publish(kind, result.getRegisteredClient().getClientId(), grant.getGrantType().getValue(),
                nationalIdOf(accessToken), accessToken);
    }

    Mono<Void> replayed(OAuth2AuthorizationGrantAuthenticationToken grant,
            GrantReplayedException replay) {
        String clientId = grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId() : null;
        return this.events.publish(TokenEventKind.REPLAY_DETECTED, clientId, grant.getGrantType().getValue(),
                replay.nationalId(), null);
    }

    /** Our own access tokens are JWTs carrying PSC's {@code SubjectNameID}; client credentials carry none. */
    private static String nationalIdOf(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("SubjectNameID");
        }
        catch (ParseException notAJwt) {
            return null;
        }
    }
}
