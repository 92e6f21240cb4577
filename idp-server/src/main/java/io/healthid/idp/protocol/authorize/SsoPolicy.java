package io.healthid.idp.protocol.authorize;

import io.healthid.idp.claims.AcrLevels;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.LoginSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Decides whether a live SSO session may answer an authorization request without authenticating again (OIDC Core
 * 3.1.2.1): not when {@code prompt=login}, not when the session is older than {@code max_age}, not when the session's
 * {@code acr} is weaker than every value the client asked for in {@code acr_values}.
 */
public final class SsoPolicy {

    private final Clock clock;

    public SsoPolicy(Clock clock) {
        this.clock = clock;
    }

    public boolean sessionSatisfies(LoginSession session, RequestParameters parameters) {
        String prompt = parameters.get("prompt");
        if (prompt != null && Arrays.asList(prompt.split(" ")).contains("login")) {
            return false;
        }
        String maxAge = parameters.get("max_age");
        if (maxAge != null) {
            long seconds = parseMaxAge(maxAge);
            // compared exactly: a session 1.9 s old is older than max_age=1 (OIDC Core 3.1.2.1 "elapsed time greater")
            if (Duration.between(session.authenticatedAt(), this.clock.instant()).compareTo(Duration.ofSeconds(seconds)) > 0) {
                return false;
            }
        }
        return AcrLevels.satisfies(session.acr(), parameters.get("acr_values"));
    }

    /** max_age is a non-negative integer number of seconds; anything else is a malformed request. */
    public static long parseMaxAge(String maxAge) {
        try {
            long seconds = Long.parseLong(maxAge);
            if (seconds < 0) {
                throw new NumberFormatException();
            }
            return seconds;
        }
        catch (NumberFormatException ex) {
            throw RequestParameters.invalidRequest("max_age must be a non-negative integer");
        }
    }
}
