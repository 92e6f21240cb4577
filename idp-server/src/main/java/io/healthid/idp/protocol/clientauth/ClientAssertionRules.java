package io.healthid.idp.protocol.clientauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * What SAS's assertion validator leaves open, checked after it verified the signature (so an unsigned assertion can
 * never burn a {@code jti}): a {@code jti} (OIDC Core 9), an {@code exp} at most {@link #MAX_LIFETIME} ahead (a
 * ten-year assertion is a stolen credential in waiting), and an {@code aud} that is the issuer or the endpoint the
 * assertion is presented to (RFC 7523 3: an assertion made for introspection is not a token request).
 */
final class ClientAssertionRules {

    static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    private static final int MAX_JTI_LENGTH = 256;

    /** The checked assertion: its {@code jti} and how long it must be remembered. */
    record Checked(String jti, Duration remember) {
    }

    private final Clock clock;

    ClientAssertionRules(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param audiences the issuer and the URL of the endpoint the assertion is presented to
     * @throws OAuth2AuthenticationException {@code invalid_client} when a rule fails
     */
    Checked check(String assertion, List<String> audiences) {
        JWTClaimsSet claims;
        try {
            claims = SignedJWT.parse(assertion).getJWTClaimsSet();
        }
        catch (ParseException ex) {
            throw ClientAuthentication.failed();
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
            throw ClientAuthentication.failed();
        }
        Date exp = claims.getExpirationTime();
        Instant now = this.clock.instant();
        if (exp == null || exp.toInstant().isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
            throw ClientAuthentication.failed();
        }
        List<String> audience = claims.getAudience();
        if (audience == null || audience.stream().noneMatch(audiences::contains)) {
            throw ClientAuthentication.failed();
        }
        Duration remember = Duration.between(now, exp.toInstant()).plus(CLOCK_SKEW);
        return new Checked(jti, remember.isNegative() || remember.isZero() ? CLOCK_SKEW : remember);
    }
}
