package io.healthid.idp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.keys.NativeSigners;
import org.junit.jupiter.api.Test;

/** {@code idp.keys.native-signatures} (README): off means the JDK's signers, whatever the platform offers. */
class KeysConfigurationTest {

    @Test
    void nativeSignersWhenSwitchedOffThenTheJdksSign() {
        assertThat(new KeysConfiguration().nativeSigners(false).isNative()).isFalse();
    }

    @Test
    void nativeSignersWhenOnThenAsThePlatformAllows() {
        assertThat(new KeysConfiguration().nativeSigners(true).isNative()).isEqualTo(NativeSigners.detect().isNative());
    }
}
