package io.healthid.idp.protocol.authorize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.session.LoginSession;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** OIDC Core 3.1.2.1: when a live session may answer without a new login. */
@Tag("OIDC-Core-3.1.2.1")
class SsoPolicyTest {

    private static final Instant LOGIN = Instant.parse("2026-11-28T08:00:00Z");

    private final SsoPolicy policy = new SsoPolicy(Clock.fixed(LOGIN.plusSeconds(600), ZoneOffset.UTC));
    private final LoginSession mobileSession = new LoginSession("id", "819990000010", AuthMethod.MOBILE, "eidas2", LOGIN);

    @Test
    void sessionSatisfiesWhenNothingDemandsMoreThenTrue() {
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("acr_values", "eidas1")))).isTrue();
    }

    @Test
    void sessionSatisfiesWhenPromptLoginThenFalse() {
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("prompt", "login")))).isFalse();
    }

    @Test
    void sessionSatisfiesWhenOlderThanMaxAgeThenFalse() {
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("max_age", "599")))).isFalse();
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("max_age", "600")))).isTrue();
    }

    @Test
    void sessionSatisfiesWhenOlderThanMaxAgeByLessThanASecondThenFalse() {
        SsoPolicy halfSecondLate = new SsoPolicy(Clock.fixed(LOGIN.plusMillis(600_500), ZoneOffset.UTC));
        assertThat(halfSecondLate.sessionSatisfies(this.mobileSession, parameters(Map.of("max_age", "600")))).isFalse();
    }

    @Test
    void sessionSatisfiesWhenMaxAgeZeroThenFalseEvenWithinTheSecondOfTheLogin() {
        SsoPolicy sameInstant = new SsoPolicy(Clock.fixed(LOGIN, ZoneOffset.UTC));
        assertThat(sameInstant.sessionSatisfies(this.mobileSession, parameters(Map.of("max_age", "0")))).isFalse();
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("max_age", "0")))).isFalse();
    }

    @Test
    void sessionSatisfiesWhenAcrRequestedStrongerThanAchievedThenFalse() {
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("acr_values", "eidas3")))).isFalse();
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("acr_values", "eidas3 eidas2")))).isTrue();
        assertThat(this.policy.sessionSatisfies(this.mobileSession, parameters(Map.of("acr_values", "urn:other")))).isTrue();
    }

    @Test
    void parseMaxAgeWhenNotANonNegativeIntegerThenInvalidRequest() {
        assertThatThrownBy(() -> SsoPolicy.parseMaxAge("-1")).isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> SsoPolicy.parseMaxAge("1h")).isInstanceOf(OAuth2AuthenticationException.class);
    }

    private static RequestParameters parameters(Map<String, String> values) {
        Map<String, List<String>> map = new HashMap<>();
        values.forEach((name, value) -> map.put(name, List.of(value)));
        return RequestParameters.restore(map);
    }
}
