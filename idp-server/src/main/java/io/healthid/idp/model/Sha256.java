package io.healthid.idp.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform provides: what keys, thumbprints and hashes of secrets are made of. */
public final class Sha256 {

    private Sha256() {
    }

    public static byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }

    /** The digest of a string's UTF-8 bytes (ASCII strings hash the same as their ASCII bytes). */
    public static byte[] digest(String input) {
        return digest(input.getBytes(StandardCharsets.UTF_8));
    }
}
