package io.healthid.idp.protocol.ciba;

import io.healthid.idp.client.RegisteredClientMapper;
import io.healthid.idp.directory.PractitionerVerifier;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.challenge.Challenge;
import io.healthid.idp.ecps.challenge.ChallengeService;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.protocol.ClientAddresses;
import io.healthid.idp.protocol.OAuthErrorResponses;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.protocol.clientauth.ClientAuthentication;
import io.healthid.idp.session.SessionSecrets;
import io.healthid.idp.settings.Issuer;
import io.healthid.rpps.idnat.NationalId;
import io.healthid.rpps.idnat.ParsedNationalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The backchannel authentication endpoint ({@code /protocol/openid-connect/ext/ciba/auth}, CIBA Core section 7):
 * the client authenticates as at the token endpoint and names the person with {@code login_hint} (idNat); the
 * person's phone gets the same device ceremony as a browser login, showing the {@code binding_message}. PSC's
 * {@code channel} is {@code MOBILE}; {@code CARD} is refused until a desktop card channel exists.
 */
public class CibaAuthenticationEndpoint {

    public static final String PATH = "/protocol/openid-connect/ext/ciba/auth";

    private final ClientAuthentication clientAuthentication;
    private final ChallengeService challenges;
    private final CibaRequestStore requests;
    private final Optional<PractitionerVerifier> verifier;
    private final CibaProperties properties;
    private final Clock clock;

    public CibaAuthenticationEndpoint(ClientAuthentication clientAuthentication, ChallengeService challenges,
            CibaRequestStore requests, Optional<PractitionerVerifier> verifier, CibaProperties properties, Clock clock) {
        this.clientAuthentication = clientAuthentication;
        this.challenges = challenges;
        this.requests = requests;
        this.verifier = verifier;
        this.properties = properties;
        this.clock = clock;
    }

    /** What discovery advertises (CIBA Core section 4); the grant joins {@code grant_types_supported}. */
    public static Map<String, Object> discovery(Issuer issuer) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("backchannel_authentication_endpoint", issuer.url(PATH));
        metadata.put("backchannel_token_delivery_modes_supported", List.of("poll", "ping"));
        metadata.put("backchannel_user_code_parameter_supported", false);
        return metadata;
    }

    public Mono<ServerResponse> authenticate(ServerRequest request) {
        return this.clientAuthentication.authenticate(request)
            .flatMap(authenticated -> start(request, authenticated.parameters(), (OAuth2ClientAuthenticationToken) authenticated.client()))
            .onErrorResume(OAuth2AuthenticationException.class, ex -> OAuthErrorResponses.json(ex.getError()))
            .onErrorResume(Refused.class, refused -> refusal(refused.error, refused.reason));
    }

    private Mono<ServerResponse> start(ServerRequest http, RequestParameters parameters, OAuth2ClientAuthenticationToken principal) {
        RegisteredClient client = principal.getRegisteredClient();
        if (!client.getAuthorizationGrantTypes().contains(CibaGrantAuthenticationToken.CIBA)) {
            throw error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "CIBA is not enabled for this client");
        }
        Set<String> scopes = scopes(parameters.get("scope"), client);
        if (parameters.has("login_hint_token") || parameters.has("id_token_hint")) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "only login_hint (the national identifier) is supported");
        }
        String channel = Optional.ofNullable(parameters.get("channel")).orElse(AuthMethod.MOBILE.name());
        if (AuthMethod.CARD.name().equals(channel)) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "channel CARD is not available yet: use channel MOBILE (e-CPS)");
        }
        if (!AuthMethod.MOBILE.name().equals(channel)) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "channel is MOBILE or CARD");
        }
        String bindingMessage = parameters.get("binding_message");
        if (bindingMessage != null && (bindingMessage.isBlank() || bindingMessage.length() > this.properties.maxBindingMessage()
                || !bindingMessage.chars().allMatch(c -> c >= ' ' && c != 127))) {
            throw error("invalid_binding_message", "binding_message is at most " + this.properties.maxBindingMessage()
                    + " printable characters");
        }
        String mode = client.getClientSettings().getSetting(RegisteredClientMapper.BACKCHANNEL_TOKEN_DELIVERY_MODE);
        mode = mode == null ? "poll" : mode;
        String notificationToken = parameters.get("client_notification_token");
        if ("ping".equals(mode) && (notificationToken == null || notificationToken.isBlank())) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "client_notification_token is required in ping mode");
        }
        Duration lifetime = expiry(parameters.get("requested_expiry"));
        String loginHint = parameters.get("login_hint");
        if (loginHint == null) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "login_hint (the national identifier) is required");
        }
        if (!(NationalId.parse(loginHint) instanceof ParsedNationalId.Valid valid)) {
            throw error("unknown_user_id", "login_hint is not a national identifier");
        }
        String nationalId = valid.id().idNat();
        String deliveryMode = mode;
        Instant now = this.clock.instant();
        String authReqId = SessionSecrets.newSecret();
        return this.verifier.map(v -> v.verify(nationalId, AuthMethod.MOBILE)).orElse(Mono.just(ReasonCode.OK))
            .flatMap(verdict -> switch (verdict) {
                case OK -> this.challenges.start(new ChallengeService.Request(Challenge.Kind.CIBA, nationalId,
                        client.getClientId(), client.getClientName(), bindingMessage, ClientAddresses.of(http),
                        authReqId, null));
                case DIRECTORY_NOT_FOUND -> Mono.error(new Refused("unknown_user_id", verdict));
                case DIRECTORY_UNAVAILABLE -> Mono.error(new Refused(OAuthErrorResponses.TEMPORARILY_UNAVAILABLE, verdict));
                default -> Mono.error(new Refused(OAuth2ErrorCodes.ACCESS_DENIED, verdict));
            })
            .onErrorMap(EcpsRefusal.class, refusal -> new Refused(OAuth2ErrorCodes.ACCESS_DENIED, refusal.reason()))
            .flatMap(challenge -> this.requests.save(new CibaRequest(authReqId, client.getClientId(), nationalId,
                    challenge.id(), scopes, deliveryMode, notificationToken, now, now.plus(lifetime),
                    (int) Math.max(0, this.properties.interval().toSeconds())), lifetime.plusMinutes(5)))
            .flatMap(saved -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(Map.of("auth_req_id", saved.authReqId(), "expires_in", lifetime.toSeconds(),
                        "interval", saved.interval())));
    }

    private Set<String> scopes(String scope, RegisteredClient client) {
        if (scope == null || scope.isBlank()) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "scope is required");
        }
        Set<String> scopes = new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
        if (!scopes.contains(OidcScopes.OPENID)) {
            throw error(OAuth2ErrorCodes.INVALID_SCOPE, "scope must include openid");
        }
        if (!client.getScopes().containsAll(scopes)) {
            throw error(OAuth2ErrorCodes.INVALID_SCOPE, "scope not allowed for this client");
        }
        return scopes;
    }

    /** {@code requested_expiry} in seconds, at most the ceremony's lifetime (the default). */
    private Duration expiry(String requested) {
        Duration maximum = this.challenges.settings().lifetime();
        if (requested == null) {
            return maximum;
        }
        try {
            long seconds = Long.parseLong(requested);
            if (seconds <= 0) {
                throw error(OAuth2ErrorCodes.INVALID_REQUEST, "requested_expiry is a positive number of seconds");
            }
            return seconds < maximum.toSeconds() ? Duration.ofSeconds(seconds) : maximum;
        }
        catch (NumberFormatException ex) {
            throw error(OAuth2ErrorCodes.INVALID_REQUEST, "requested_expiry is a positive number of seconds");
        }
    }

    private static Mono<ServerResponse> refusal(String error, ReasonCode reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", reason.operatorDescription());
        body.put("reason", reason.name());
        HttpStatus status = OAuthErrorResponses.statusOf(error);
        return CorrelationId.errorBody(ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
            .cacheControl(CacheControl.noStore()), body);
    }

    /** A refusal with the reason code the client can show or count. */
    private static final class Refused extends RuntimeException {

        private final String error;
        private final ReasonCode reason;

        Refused(String error, ReasonCode reason) {
            super(reason.name(), null, false, false);
            this.error = error;
            this.reason = reason;
        }
    }

    private static OAuth2AuthenticationException error(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
    }
}
