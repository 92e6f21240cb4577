package io.healthid.idp.protocol.token;

import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.audit.TokenEventKind;
import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.observability.TokenEvents;
import java.security.Principal;
import java.text.ParseException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
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

    /**
     * @param authorization what the grant redeemed (a code or a refresh token), read before SAS ran; {@code null}
     * for the grants that redeem nothing of ours
     */
    Mono<Void> issued(OAuth2AuthorizationGrantAuthenticationToken grant, OAuth2AccessTokenAuthenticationToken result,
            OAuth2Authorization authorization) {
        String accessToken = result.getAccessToken().getTokenValue();
        TokenEventKind kind = AuthorizationGrantType.REFRESH_TOKEN.equals(grant.getGrantType()) ? TokenEventKind.REFRESHED
                : TokenEventKind.ISSUED;
        return this.events.publish(kind, result.getRegisteredClient().getClientId(), grant.getGrantType().getValue(),
                nationalIdOf(grant, authorization, accessToken), accessToken);
    }

    Mono<Void> replayed(OAuth2AuthorizationGrantAuthenticationToken grant,
            GrantReplayedException replay) {
        String clientId = grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
                && client.getRegisteredClient() != null ? client.getRegisteredClient().getClientId() : null;
        return this.events.publish(TokenEventKind.REPLAY_DETECTED, clientId, grant.getGrantType().getValue(),
                replay.nationalId(), null);
    }

    /**
     * The practitioner the tokens were issued to: the redeemed authorization's, without parsing the token just
     * signed; otherwise (CIBA) PSC's {@code SubjectNameID} in our access token. Client credentials have none.
     */
    private static String nationalIdOf(OAuth2AuthorizationGrantAuthenticationToken grant,
            OAuth2Authorization authorization, String accessToken) {
        if (authorization != null) {
            return authorization.getAttribute(Principal.class.getName()) instanceof PractitionerAuthentication person
                    ? person.getNationalId() : null;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(grant.getGrantType())) {
            return null;
        }
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("SubjectNameID");
        }
        catch (ParseException notAJwt) {
            return null;
        }
    }
}
