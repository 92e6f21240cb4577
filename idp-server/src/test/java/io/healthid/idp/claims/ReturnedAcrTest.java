package io.healthid.idp.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.settings.AcrClaim;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** OIDC Core 2: acr names a class the authentication satisfied; which one we return. */
@Tag("OIDC-Core-2")
class ReturnedAcrTest {

    @Test
    void returnedWhenStrongerLoginThanRequestedThenStrongestRequestedLevelSatisfied() {
        assertThat(ReturnedAcr.returned("eidas3", "eidas1", AcrClaim.REQUESTED)).isEqualTo("eidas1");
        assertThat(ReturnedAcr.returned("eidas3", "eidas1 eidas2", AcrClaim.REQUESTED)).isEqualTo("eidas2");
        assertThat(ReturnedAcr.returned("eidas2", "eidas3 eidas1", AcrClaim.REQUESTED)).isEqualTo("eidas1");
    }

    @Test
    void returnedWhenNothingUsableRequestedThenAchieved() {
        assertThat(ReturnedAcr.returned("eidas3", null, AcrClaim.REQUESTED)).isEqualTo("eidas3");
        assertThat(ReturnedAcr.returned("eidas2", "urn:other", AcrClaim.REQUESTED)).isEqualTo("eidas2");
        // a login below every requested level never answers a request (SsoPolicy), but the token would say the truth
        assertThat(ReturnedAcr.returned("eidas2", "eidas3", AcrClaim.REQUESTED)).isEqualTo("eidas2");
    }

    @Test
    void returnedWhenClientWantsAchievedThenAchieved() {
        assertThat(ReturnedAcr.returned("eidas3", "eidas1", AcrClaim.ACHIEVED)).isEqualTo("eidas3");
    }
}
