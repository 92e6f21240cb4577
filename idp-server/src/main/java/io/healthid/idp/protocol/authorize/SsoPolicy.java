package io.healthid.idp.protocol.authorize;

import io.healthid.idp.model.Acr;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.LoginSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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
            // max_age=0 is prompt=login (OIDC Core 3.1.2.1), even within the second of the last login
            if (seconds == 0 || Duration.between(session.authenticatedAt(), this.clock.instant())
                .compareTo(Duration.ofSeconds(seconds)) > 0) {
                return false;
            }
        }
        return acrSatisfied(session.acr(), parameters.get("acr_values"));
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

    /**
     * Satisfied when any requested value we know is at or below what was achieved (acr_values lists acceptable
     * values); values outside {@link Acr} do not constrain (PSC's eidas1 is the floor).
     */
    static boolean acrSatisfied(String achieved, String acrValues) {
        if (acrValues == null) {
            return true;
        }
        List<Acr> known = Arrays.stream(acrValues.split(" ")).map(Acr::of).flatMap(Optional::stream).toList();
        Optional<Acr> reached = Acr.of(achieved);
        return known.isEmpty() || reached.isPresent() && known.stream().anyMatch(reached.get()::satisfies);
    }
}
