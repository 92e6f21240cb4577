package io.healthid.idp.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** OIDC Core 2: acr names a class the authentication satisfied; which one we return. */
@Tag("OIDC-Core-2")
class AcrLevelsTest {

    @Test
    void returnedWhenStrongerLoginThanRequestedThenStrongestRequestedLevelSatisfied() {
        assertThat(AcrLevels.returned("eidas3", "eidas1", AcrClaim.REQUESTED)).isEqualTo("eidas1");
        assertThat(AcrLevels.returned("eidas3", "eidas1 eidas2", AcrClaim.REQUESTED)).isEqualTo("eidas2");
        assertThat(AcrLevels.returned("eidas2", "eidas3 eidas1", AcrClaim.REQUESTED)).isEqualTo("eidas1");
    }

    @Test
    void returnedWhenNothingUsableRequestedThenAchieved() {
        assertThat(AcrLevels.returned("eidas3", null, AcrClaim.REQUESTED)).isEqualTo("eidas3");
        assertThat(AcrLevels.returned("eidas2", "urn:other", AcrClaim.REQUESTED)).isEqualTo("eidas2");
        // a login below every requested level never answers a request (SsoPolicy), but the token would say the truth
        assertThat(AcrLevels.returned("eidas2", "eidas3", AcrClaim.REQUESTED)).isEqualTo("eidas2");
    }

    @Test
    void returnedWhenClientWantsAchievedThenAchieved() {
        assertThat(AcrLevels.returned("eidas3", "eidas1", AcrClaim.ACHIEVED)).isEqualTo("eidas3");
    }

    @Test
    void satisfiesWhenAnyRequestedLevelAtOrBelowAchievedThenTrue() {
        assertThat(AcrLevels.satisfies("eidas2", "eidas3")).isFalse();
        assertThat(AcrLevels.satisfies("eidas2", "eidas3 eidas2")).isTrue();
        assertThat(AcrLevels.satisfies("eidas2", "urn:other")).isTrue();
        assertThat(AcrLevels.satisfies("eidas2", null)).isTrue();
    }
}
