package io.healthid.idp.protocol.ciba;

import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.model.Acr;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.PractitionerAuthentication;
import io.healthid.idp.model.ReasonCode;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;

/**
 * The CIBA token grant (CIBA Core sections 10-11) in the shape of SAS's grant providers: the authenticated client
 * polls with its {@code auth_req_id}; pending, too fast, expired and denied requests get their error codes; an
 * approved one is used once (compare-and-set on the challenge) and yields tokens with no browser session behind
 * them: no {@code sid}, and a refresh token that lives by its own lifetime.
 */
public class CibaGrantAuthenticationProvider implements AuthenticationProvider {

    private static final Duration BLOCK = Duration.ofSeconds(5);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

    private final CibaRequestStore requests;
    private final ChallengeService challenges;
    private final OAuth2AuthorizationService authorizations;
    private final OAuth2TokenGenerator<? extends OAuth2Token> tokens;
    private final Optional<PractitionerVerifier> verifier;
    private final CibaOutcomes outcomes;
    private final Clock clock;

    public CibaGrantAuthenticationProvider(CibaRequestStore requests, ChallengeService challenges,
            OAuth2AuthorizationService authorizations, OAuth2TokenGenerator<? extends OAuth2Token> tokens,
            Optional<PractitionerVerifier> verifier, CibaOutcomes outcomes, Clock clock) {
        this.requests = requests;
        this.challenges = challenges;
        this.authorizations = authorizations;
        this.tokens = tokens;
        this.verifier = verifier;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return CibaGrantAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Runs on SAS's bounded scheduler (ProtocolCore), where blocking on Redis is expected. */
    @Override
    public Authentication authenticate(Authentication authentication) {
        CibaGrantAuthenticationToken grant = (CibaGrantAuthenticationToken) authentication;
        OAuth2ClientAuthenticationToken clientPrincipal = grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken c
                && c.isAuthenticated() ? c : null;
        if (clientPrincipal == null || clientPrincipal.getRegisteredClient() == null) {
            throw error(OAuth2ErrorCodes.INVALID_CLIENT, null);
        }
        RegisteredClient client = clientPrincipal.getRegisteredClient();
        if (!client.getAuthorizationGrantTypes().contains(CibaGrantAuthenticationToken.CIBA)) {
            throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "CIBA is not enabled for this client");
        }
        CibaRequest request = this.requests.find(grant.getAuthReqId()).block(BLOCK);
        if (request == null || !request.clientId().equals(client.getClientId())) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "unknown auth_req_id");
        }
        Instant now = this.clock.instant();
        if (request.isExpired(now)) {
            throw error("expired_token", "the authentication request has expired");
        }
        Challenge.State state = this.challenges.timeout(request.challengeId()).block(BLOCK);
        if (state == null) {
            throw error("expired_token", "the authentication request has expired");
        }
        if (state.status() == Challenge.Status.USED) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "auth_req_id already used");
        }
        if (Boolean.TRUE.equals(this.requests.tooFast(request, now, Duration.between(now, request.expiresAt()).plusMinutes(1)).block(BLOCK))) {
            throw error("slow_down", "poll at most every " + request.interval() + " s");
        }
        return switch (state.status()) {
            case PENDING -> throw error("authorization_pending", "the person has not answered yet");
            case REFUSED -> throw refused(request, state.reason());
            case USED -> throw error(OAuth2ErrorCodes.INVALID_GRANT, "auth_req_id already used");
            case APPROVED -> issue(grant, clientPrincipal, client, request, now);
        };
    }

    private OAuth2AuthenticationException refused(CibaRequest request, ReasonCode reason) {
        if (Boolean.TRUE.equals(this.challenges.settleRefusal(request.challengeId()).block(BLOCK))) {
            publish(request, reason);
        }
        return reason == ReasonCode.ECPS_TIMEOUT ? error("expired_token", "the person did not answer in time")
                : error(OAuth2ErrorCodes.ACCESS_DENIED, "refused: " + reason.name());
    }

    private OAuth2AccessTokenAuthenticationToken issue(CibaGrantAuthenticationToken grant,
            OAuth2ClientAuthenticationToken clientPrincipal, RegisteredClient client, CibaRequest request, Instant now) {
        if (!Boolean.TRUE.equals(this.challenges.use(request.challengeId()).block(BLOCK))) {
            throw error(OAuth2ErrorCodes.INVALID_GRANT, "auth_req_id already used");
        }
        ReasonCode verdict = this.verifier.map(v -> v.verify(request.nationalId(), AuthMethod.MOBILE).block(BLOCK))
            .orElse(ReasonCode.OK);
        publish(request, verdict);
        if (!verdict.isSuccess()) {
            throw error(OAuth2ErrorCodes.ACCESS_DENIED, "refused: " + verdict.name());
        }
        PractitionerAuthentication person = new PractitionerAuthentication(request.nationalId(), AuthMethod.MOBILE,
                Acr.EIDAS2.value(), now, null);
        OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
            .principalName(person.getName())
            .authorizationGrantType(CibaGrantAuthenticationToken.CIBA)
            .authorizedScopes(request.scopes())
            .attribute(Principal.class.getName(), person);
        DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
            .registeredClient(client)
            .principal(person)
            .authorizationServerContext(AuthorizationServerContextHolder.getContext())
            .authorizedScopes(request.scopes())
            .authorizationGrantType(CibaGrantAuthenticationToken.CIBA)
            .authorizationGrant(grant);

        OAuth2TokenContext accessContext = context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build();
        OAuth2Token generatedAccess = generate(accessContext, "access token");
        OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
                generatedAccess.getTokenValue(), generatedAccess.getIssuedAt(), generatedAccess.getExpiresAt(), request.scopes());
        if (generatedAccess instanceof ClaimAccessor claims) {
            authorization.token(accessToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
        }
        else {
            authorization.accessToken(accessToken);
        }

        OAuth2RefreshToken refreshToken = null;
        if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
            OAuth2Token generatedRefresh = generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build(), "refresh token");
            refreshToken = (OAuth2RefreshToken) generatedRefresh;
            authorization.refreshToken(refreshToken);
        }

        Map<String, Object> additional = Map.of();
        if (request.scopes().contains(OidcScopes.OPENID)) {
            OAuth2Token generatedId = generate(context.tokenType(ID_TOKEN).authorization(authorization.build()).build(), "ID token");
            Jwt jwt = (Jwt) generatedId;
            OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims());
            authorization.token(idToken, metadata -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()));
            additional = Map.of(OidcParameterNames.ID_TOKEN, idToken.getTokenValue());
        }
        this.authorizations.save(authorization.build());
        return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken, additional);
    }

    private OAuth2Token generate(OAuth2TokenContext context, String what) {
        OAuth2Token token = this.tokens.generate(context);
        if (token == null) {
            throw error(OAuth2ErrorCodes.SERVER_ERROR, "The " + what + " could not be generated");
        }
        return token;
    }

    private void publish(CibaRequest request, ReasonCode reason) {
        this.outcomes.record(request, reason, Duration.between(request.startedAt(), this.clock.instant())).block(BLOCK);
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
