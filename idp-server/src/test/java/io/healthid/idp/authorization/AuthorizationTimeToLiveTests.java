package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;

class AuthorizationTimeToLiveTests {

    @Test
    void ofWhenRefreshTokenThenUntilItsExpiryPlusMargin() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        Instant refreshExpiry = authorization.getRefreshToken().getToken().getExpiresAt();
        Clock clock = Clock.fixed(refreshExpiry.minus(Duration.ofHours(2)), ZoneOffset.UTC);

        assertThat(new AuthorizationTimeToLive(clock).of(authorization))
            .isEqualTo(Duration.ofHours(2).plus(AuthorizationTimeToLive.MARGIN));
    }

    @Test
    void ofWhenOnlyCodeThenUntilCodeExpiryPlusMargin() {
        OAuth2Authorization authorization = TestAuthorizations.withCode();
        Instant issuedAt = authorization.getToken(OAuth2AuthorizationCode.class).getToken().getIssuedAt();

        assertThat(new AuthorizationTimeToLive(Clock.fixed(issuedAt, ZoneOffset.UTC)).of(authorization))
            .isEqualTo(TestAuthorizations.CODE_LIFETIME.plus(AuthorizationTimeToLive.MARGIN));
    }

    @Test
    void ofWhenNoTokenThenTenMinutesPlusMargin() {
        assertThat(new AuthorizationTimeToLive(Clock.systemUTC()).of(TestAuthorizations.awaitingConsent()))
            .isEqualTo(Duration.ofMinutes(10).plus(AuthorizationTimeToLive.MARGIN));
    }

    @Test
    void ofWhenAllTokensExpiredThenMarginOnly() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);

        assertThat(new AuthorizationTimeToLive(later).of(authorization)).isEqualTo(AuthorizationTimeToLive.MARGIN);
    }

    @Test
    void ofWhenTokenNeverExpiresThenRefused() {
        OAuth2Authorization authorization = OAuth2Authorization.from(TestAuthorizations.withCode())
            .refreshToken(new OAuth2RefreshToken("refresh-without-expiry", Instant.now()))
            .build();

        assertThatIllegalArgumentException()
            .isThrownBy(() -> new AuthorizationTimeToLive(Clock.systemUTC()).of(authorization))
            .withMessageNotContaining("refresh-without-expiry");
    }
}
