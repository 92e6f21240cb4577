package io.healthid.idp.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Writes a credential as a PKCS#12 file for browsers (ADR 0004). The key bag is encrypted with PBES2
 * (PBKDF2-HMAC-SHA-256, AES-256-CBC), set explicitly here; the certificate bag and the MAC (HMAC-SHA-256) are the
 * JDK 17 defaults, which a test pins. Firefox (NSS) and Chrome (NSS on Linux, the OS store elsewhere) import these;
 * only Windows before 10 1709 and macOS before 14 needed the legacy 3DES/SHA-1 files, which we do not write.
 */
final class Pkcs12Writer {

    static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 10_000;
    /** No 0/O, 1/l/I: the password is read off a terminal and typed into a browser dialog. */
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int PASSWORD_LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12Writer() {
    }

    /** Returns the password used: {@code password}, or a generated one (about 116 bits) when it is null. */
    static String write(Credential credential, String password, Path file) throws IOException {
        String used = password != null ? password : generatePassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(used.toCharArray(), KEY_PROTECTION,
                    new PBEParameterSpec(salt, ITERATIONS));
            Certificate[] chain = credential.chain().toArray(Certificate[]::new);
            store.setEntry(friendlyName(credential), new KeyStore.PrivateKeyEntry(credential.privateKey(), chain), protection);
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try {
                PkiDirectory.restrictToOwner(temporary);
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    store.store(out, used.toCharArray());
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
            return used;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write PKCS#12 " + file + ": " + e.getMessage(), e);
        }
    }

    /** The name browsers show in their certificate chooser. */
    private static String friendlyName(Credential credential) {
        return "IGC-Sante test " + credential.certificate().getSerialNumber().toString(16).substring(0, 8);
    }

    private static String generatePassword() {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
