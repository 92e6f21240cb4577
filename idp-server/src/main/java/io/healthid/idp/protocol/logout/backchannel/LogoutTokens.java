package io.healthid.idp.protocol.logout.backchannel;

import io.healthid.idp.settings.Issuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Logout tokens (OIDC Back-Channel Logout 1.0 2.4): signed like the client's ID tokens, explicitly typed
 * {@code logout+jwt}, with {@code iss}, {@code aud}, {@code iat}, {@code exp}, {@code jti}, the back-channel logout
 * event, {@code sub} and {@code sid}; never a {@code nonce}.
 */
public class LogoutTokens {

    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    public static final String TYPE = "logout+jwt";

    /** Long enough for a slow delivery, short enough that a captured token is soon worthless. */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final JwtEncoder encoder;
    private final Issuer issuer;
    private final Clock clock;

    public LogoutTokens(JwtEncoder encoder, Issuer issuer, Clock clock) {
        this.encoder = encoder;
        this.issuer = issuer;
        this.clock = clock;
    }

    public String issue(Participant participant, SignatureAlgorithm algorithm) {
        Instant now = this.clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(this.issuer.value())
            .audience(List.of(participant.clientId()))
            .issuedAt(now)
            .expiresAt(now.plus(LIFETIME))
            .id(UUID.randomUUID().toString())
            .subject(participant.subject())
            .claim("sid", participant.sid())
            .claim("events", Map.of(EVENT, Map.of()))
            .build();
        JwsHeader header = JwsHeader.with(algorithm).type(TYPE).build();
        return this.encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
