package io.healthid.idp.protocol.token;

import io.healthid.idp.authorization.UsedTokens;
import io.healthid.idp.protocol.ProtocolCore;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import reactor.core.publisher.Mono;

/**
 * RFC 6749 4.1.2 and RFC 9700 4.14: a code or a rotated refresh token presented twice means one copy is in the wrong
 * hands, so everything issued from it is revoked and both presenters get {@code invalid_grant}. Marking first use
 * before SAS runs the grant closes the race where two nodes redeem the same credential at once; a grant SAS then
 * refuses (wrong {@code redirect_uri}, {@code scope} beyond the original) gives the mark back, so only a successful
 * grant uses the credential. A credential presented by another client than its own is refused without touching it
 * (RFC 6749 6 and 10.4): a client may not burn, nor revoke, what another client holds.
 */
public class TokenReplayDefense {

    private static final Logger logger = LoggerFactory.getLogger(TokenReplayDefense.class);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

    private final ProtocolCore core;
    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;
    private final UsedTokens usedTokens;
    private final RedeemedAuthorizations redeemed;

    /** @param redeemed receives the authorization found, for SAS's provider of the same request (no second read) */
    public TokenReplayDefense(ProtocolCore core, OAuth2AuthorizationService authorizations,
            RegisteredClientRepository clients, UsedTokens usedTokens, RedeemedAuthorizations redeemed) {
        this.core = core;
        this.authorizations = authorizations;
        this.clients = clients;
        this.usedTokens = usedTokens;
        this.redeemed = redeemed;
    }

    /**
     * Marks the grant's code or refresh token as used, or fails with {@code invalid_grant} after revoking its family.
     * @return the authorization the credential belongs to (for further checks without a second lookup), empty for
     *     other grants and for credentials SAS will refuse as unknown
     */
    public Mono<OAuth2Authorization> guard(OAuth2AuthorizationGrantAuthenticationToken grant) {
        String clientId = clientOf(grant);
        if (grant instanceof OAuth2AuthorizationCodeAuthenticationToken code) {
            return this.core.call(() -> check(CODE, code.getCode(), clientId)).flatMap(Mono::justOrEmpty);
        }
        if (grant instanceof OAuth2RefreshTokenAuthenticationToken refresh) {
            return this.core.call(() -> check(OAuth2TokenType.REFRESH_TOKEN, refresh.getRefreshToken(), clientId))
                .flatMap(Mono::justOrEmpty);
        }
        return Mono.empty();
    }

    /**
     * Gives back the mark {@link #guard} set, after the grant was refused: the credential stays usable by a correct
     * request. Best effort: with Redis down the mark cannot be removed, and the grant could not have succeeded.
     */
    public Mono<Void> release(OAuth2AuthorizationGrantAuthenticationToken grant) {
        OAuth2TokenType type = grant instanceof OAuth2AuthorizationCodeAuthenticationToken ? CODE : OAuth2TokenType.REFRESH_TOKEN;
        String value = grant instanceof OAuth2AuthorizationCodeAuthenticationToken code ? code.getCode()
                : grant instanceof OAuth2RefreshTokenAuthenticationToken refresh ? refresh.getRefreshToken() : null;
        if (value == null) {
            return Mono.empty();
        }
        return this.core.call(() -> {
            this.usedTokens.release(type, value);
            return Boolean.TRUE;
        }).onErrorResume(ex -> Mono.empty()).then();
    }

    private Optional<OAuth2Authorization> check(OAuth2TokenType type, String value, String clientId) {
        OAuth2Authorization authorization = this.authorizations.findByToken(value, type);
        if (authorization == null) {
            // unknown now: either never valid (SAS answers invalid_grant) or rotated away and presented again
            String familyId = this.usedTokens.authorizationOf(type, value);
            OAuth2Authorization family = familyId == null ? null : this.authorizations.findById(familyId);
            if (family != null && family.getRegisteredClientId().equals(clientId)) {
                revoke(family, type);
                throw new GrantReplayedException(family.getPrincipalName());
            }
            if (familyId != null) {
                throw notYours();
            }
            return Optional.empty();
        }
        if (!authorization.getRegisteredClientId().equals(clientId)) {
            throw notYours();
        }
        if (!this.usedTokens.markUsed(type, value, authorization.getId(), remember(authorization))) {
            revoke(authorization, type);
            throw new GrantReplayedException(authorization.getPrincipalName());
        }
        this.redeemed.handOver(value, authorization);
        return Optional.of(authorization);
    }

    /** Drops what {@link #guard} handed over and SAS did not take (the request failed in between). */
    public void forgetHandOver(OAuth2AuthorizationGrantAuthenticationToken grant) {
        if (grant instanceof OAuth2AuthorizationCodeAuthenticationToken code) {
            this.redeemed.release(code.getCode());
        }
        else if (grant instanceof OAuth2RefreshTokenAuthenticationToken refresh) {
            this.redeemed.release(refresh.getRefreshToken());
        }
    }

    private void revoke(OAuth2Authorization family, OAuth2TokenType type) {
        if (family != null) {
            this.authorizations.remove(family);
            logger.warn("A " + type.getValue() + " was presented twice for client " + family.getRegisteredClientId()
                    + ": its tokens are revoked");
        }
    }

    /** As long as anything issued from the credential may live: the client's refresh token lifetime. */
    private Duration remember(OAuth2Authorization authorization) {
        RegisteredClient client = this.clients.findById(authorization.getRegisteredClientId());
        return client == null ? Duration.ofHours(1) : client.getTokenSettings().getRefreshTokenTimeToLive();
    }

    private static String clientOf(OAuth2AuthorizationGrantAuthenticationToken grant) {
        return grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.getRegisteredClient() != null
                ? client.getRegisteredClient().getId() : null;
    }

    private static OAuth2AuthenticationException notYours() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
                "The grant is invalid", null));
    }
}
