package io.healthid.idp.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyEncryptionKeyTest {

    static final String KEY =
        Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void parseWhenNotBase64ThenFailsWithoutQuotingTheValue() {
        assertThatThrownBy(() -> KeyEncryptionKey.parse("not base64 at all!#"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("idp.keys.encryption-key is not valid base64")
            .hasMessageNotContaining("#");
    }

    @Test
    void parseWhenNot32BytesThenSaysHowManyItHas() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> KeyEncryptionKey.parse(sixteenBytes))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("decodes to 16 bytes, AES-256 needs exactly 32");
    }

    @Test
    void parseWhenMissingThenSaysWhichPropertyToSet() {
        assertThatThrownBy(() -> KeyEncryptionKey.parse(" "))
            .hasMessageContaining("idp.keys.encryption-key is not set");
    }

    @Test
    void parseAcceptsUrlSafeBase64AndSurroundingWhitespace() {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) 0xfb; // encodes to '-' or '_' in URL-safe base64
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);

        KeyEncryptionKey key = KeyEncryptionKey.parse(" " + urlSafe + "\n");

        assertThat(key.decrypt(key.encrypt(new byte[] {1, 2, 3}, "kid"), "kid")).containsExactly(1, 2, 3);
    }

    @Test
    void toStringNeverShowsTheKey() {
        assertThat(KeyEncryptionKey.parse(KEY).toString()).doesNotContain(KEY).contains("redacted");
    }

    @Test
    void encryptUsesAFreshNonceEachTime() {
        KeyEncryptionKey key = KeyEncryptionKey.parse(KEY);
        byte[] plaintext = "secret".getBytes(StandardCharsets.UTF_8);

        assertThat(key.encrypt(plaintext, "kid")).isNotEqualTo(key.encrypt(plaintext, "kid"));
    }

    @Test
    void decryptWithAnotherKeyEncryptionKeyFailsWithAClearMessage() {
        byte[] sealed = KeyEncryptionKey.parse(KEY).encrypt("secret".getBytes(StandardCharsets.UTF_8), "kid-1");
        KeyEncryptionKey other = KeyEncryptionKey.parse(Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> other.decrypt(sealed, "kid-1"))
            .isInstanceOf(KeyEncryptionKey.KeyDecryptionException.class)
            .hasMessageContaining("Cannot decrypt signing key kid-1")
            .hasMessageContaining("idp.keys.encryption-key is not the key it was stored with");
    }

    @Test
    void decryptUnderAnotherKidFailsBecauseTheKidIsAuthenticated() {
        KeyEncryptionKey key = KeyEncryptionKey.parse(KEY);
        byte[] sealed = key.encrypt("secret".getBytes(StandardCharsets.UTF_8), "kid-1");

        assertThatThrownBy(() -> key.decrypt(sealed, "kid-2"))
            .isInstanceOf(KeyEncryptionKey.KeyDecryptionException.class);
    }

    @Test
    void loadOrCreateWritesAnOwnerOnlyFileAndReadsTheSameKeyBack(@TempDir Path dataDirectory) throws Exception {
        KeyEncryptionKey created = KeyEncryptionKey.loadOrCreate(dataDirectory);
        KeyEncryptionKey loaded = KeyEncryptionKey.loadOrCreate(dataDirectory);

        Path file = dataDirectory.resolve("key-encryption-key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
        assertThat(loaded.decrypt(created.encrypt(new byte[] {42}, "kid"), "kid")).containsExactly(42);
    }
}
