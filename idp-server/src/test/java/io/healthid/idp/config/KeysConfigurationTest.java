package io.healthid.idp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.NativeSigners;
import org.junit.jupiter.api.Test;

/** {@code idp.keys.native-signatures} (README): off means the JDK's signers, whatever the platform offers. */
class KeysConfigurationTest {

    @Test
    void nativeSignersWhenSwitchedOffThenTheJdksSign() {
        assertThat(new KeysConfiguration().nativeSigners(switched(false)).isNative()).isFalse();
    }

    @Test
    void nativeSignersWhenNotSetThenAsThePlatformAllows() {
        assertThat(new KeysConfiguration().nativeSigners(KeyProperties.defaults()).isNative())
            .isEqualTo(NativeSigners.detect().isNative());
    }

    private static KeyProperties switched(boolean nativeSignatures) {
        return new KeyProperties(null, null, null, null, null, null, nativeSignatures);
    }
}
