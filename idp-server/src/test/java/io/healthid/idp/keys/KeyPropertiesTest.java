package io.healthid.idp.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyPropertiesTest {

    @Test
    void missingSettingsTakeTheirDefaults() {
        KeyProperties properties = new KeyProperties("k", null, null, null, null, null, null);

        assertThat(properties.rotationPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(properties.publishAhead()).isEqualTo(Duration.ofHours(1));
        assertThat(properties.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(properties.refreshInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.jwksMaxAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.nativeSignatures()).isTrue();
    }

    @Test
    void publishAheadShorterThanRefreshPlusJwksCachingIsRejected() {
        Duration tenMinutes = Duration.ofMinutes(10);

        assertThatThrownBy(() -> new KeyProperties(null, null, tenMinutes, null, null, tenMinutes, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("idp.keys.publish-ahead (PT10M) must exceed");
    }

    @Test
    void rotationPeriodNotLongerThanPublishAheadIsRejected() {
        assertThatThrownBy(() -> new KeyProperties(null, Duration.ofMinutes(30), null, null, null, null, null))
            .hasMessageContaining("idp.keys.rotation-period (PT30M) must exceed");
    }

    @Test
    void negativeDurationsAreRejected() {
        assertThatThrownBy(() -> new KeyProperties(null, null, null, Duration.ofHours(-1), null, null, null))
            .hasMessageContaining("idp.keys.retention must be positive");
    }

    @Test
    void toStringNeverShowsTheEncryptionKey() {
        assertThat(new KeyProperties("c2VjcmV0", null, null, null, null, null, null).toString())
            .doesNotContain("c2VjcmV0")
            .contains("encryptionKey=<redacted>");
    }
}
