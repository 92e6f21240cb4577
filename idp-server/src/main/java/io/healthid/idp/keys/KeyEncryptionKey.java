package io.healthid.idp.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.env.Environment;

/**
 * The AES-256 key that encrypts signing keys' private parts at rest (AES-GCM, a random 96-bit nonce per encryption,
 * the kid as additional authenticated data so that a ciphertext cannot be moved to another row).
 * Its value never appears in messages, logs or {@link #toString()}.
 */
public final class KeyEncryptionKey {

    static final String FILE_NAME = "key-encryption-key";

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyEncryptionKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** Parses {@code idp.keys.encryption-key}: base64 (standard or URL-safe) of exactly 32 random bytes. */
    public static KeyEncryptionKey parse(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("idp.keys.encryption-key is not set: it must be the base64 of 32 "
                + "random bytes (for example: openssl rand -base64 32)");
        }
        byte[] bytes;
        try {
            String trimmed = base64.strip();
            bytes = trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(trimmed)
                : Base64.getDecoder().decode(trimmed);
        }
        catch (IllegalArgumentException ex) {
            // the decoder's message quotes the offending character: keep it out of the logs
            throw new IllegalArgumentException("idp.keys.encryption-key is not valid base64: it must be the base64 "
                + "of 32 random bytes (for example: openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("idp.keys.encryption-key decodes to " + bytes.length
                + " bytes, AES-256 needs exactly 32 (for example: openssl rand -base64 32)");
        }
        return new KeyEncryptionKey(bytes);
    }

    /**
     * Embedded and demo mode only: the key kept in {@code <dataDirectory>/key-encryption-key} (owner read/write
     * only), created on first start. In production the key comes from configuration, away from the database it
     * protects.
     */
    /**
     * The key named by {@code idp.keys.encryption-key}; only with the embedded database (the demo and the tests) may
     * it be created on first start, in the data directory beside that database.
     */
    public static KeyEncryptionKey configured(String encryptionKey, Environment environment) {
        if (encryptionKey != null) {
            return parse(encryptionKey);
        }
        if (environment.getProperty("idp.embedded.postgres", Boolean.class, false)) {
            return loadOrCreate(Path.of(environment.getRequiredProperty("idp.embedded.data-dir")));
        }
        throw new IllegalStateException("idp.keys.encryption-key is required with a configured database: "
                + "base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
    }

    public static KeyEncryptionKey loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                byte[] bytes = new byte[KEY_BYTES];
                RANDOM.nextBytes(bytes);
                try {
                    createOwnerOnly(file);
                    Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
                    return new KeyEncryptionKey(bytes);
                }
                catch (FileAlreadyExistsException ex) {
                    // another process of the same data directory created it first: use theirs
                }
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read or create the key-encryption key file " + file, ex);
        }
    }

    byte[] encrypt(byte[] plaintext, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, kid).doFinal(plaintext);
            byte[] result = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, result, NONCE_BYTES, sealed.length);
            return result;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot encrypt the private part of signing key " + kid, ex);
        }
    }

    byte[] decrypt(byte[] nonceAndCiphertext, String kid) {
        try {
            byte[] nonce = Arrays.copyOf(nonceAndCiphertext, NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, nonce, kid)
                .doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
        }
        catch (AEADBadTagException ex) {
            throw new KeyDecryptionException("Cannot decrypt signing key " + kid + ": idp.keys.encryption-key is not "
                + "the key it was stored with (or the row was altered). Configure the original key-encryption key; "
                + "never replace it while its keys are in the database");
        }
        catch (GeneralSecurityException ex) {
            throw new KeyDecryptionException("Cannot decrypt signing key " + kid + ": " + ex.getMessage());
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        else {
            Files.createFile(file);
        }
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[<redacted>]";
    }

    /** The stored keys cannot be used: the server must not start (or must keep its last good keys). */
    public static final class KeyDecryptionException extends IllegalStateException {

        KeyDecryptionException(String message) {
            super(message);
        }
    }
}
