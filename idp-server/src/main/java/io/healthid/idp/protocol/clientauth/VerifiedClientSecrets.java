package io.healthid.idp.protocol.clientauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Verifies client secrets for SAS's {@code ClientSecretAuthenticationProvider}, through {@link #passwordEncoder()}
 * (ADR 0010): the
 * first match of a secret against its stored hash pays the slow hash; afterwards the same secret against the same
 * stored hash is recognised by a keyed digest (HMAC-SHA256 under a key that lives only in this process), in
 * microseconds. The entry is keyed by the stored hash string, so a client whose secret changes gets a new hash and
 * never meets its old entry again; a wrong secret is never remembered and always pays the slow hash.
 * <p>
 * Encoding upgrades are switched off on purpose: an encoded secret ({@code {noop}}, {@code {sha256}},
 * {@code {pbkdf2}}, a weaker bcrypt...) is what the operator configured, and the client store is written from
 * configuration only.
 */
public final class VerifiedClientSecrets {

    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder slowHash;
    private final Cache<String, byte[]> verified;
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;
    private final PasswordEncoder encoder = new PasswordEncoder() {

        @Override
        public String encode(CharSequence rawSecret) {
            return VerifiedClientSecrets.this.slowHash.encode(rawSecret);
        }

        @Override
        public boolean matches(CharSequence rawSecret, String storedHash) {
            return VerifiedClientSecrets.this.matches(rawSecret, storedHash);
        }

        @Override
        public boolean upgradeEncoding(String storedHash) {
            return false;
        }
    };

    /**
     * @param slowHash the encoder the stored hashes were made with (Spring's delegating encoder)
     * @param maximumSize how many verified secrets to remember (one per client and stored hash)
     * @param lifetime how long one is remembered before the slow hash runs again
     */
    public VerifiedClientSecrets(PasswordEncoder slowHash, long maximumSize, Duration lifetime) {
        this.slowHash = slowHash;
        this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(lifetime).build();
        byte[] keyBytes = new byte[32];
        new SecureRandom().nextBytes(keyBytes);
        this.key = new SecretKeySpec(keyBytes, HMAC);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The view SAS's provider takes; not a bean of its own, so the application's one encoder stays unambiguous. */
    public PasswordEncoder passwordEncoder() {
        return this.encoder;
    }

    boolean matches(CharSequence rawSecret, String storedHash) {
        if (rawSecret == null || storedHash == null) {
            return this.slowHash.matches(rawSecret, storedHash);
        }
        byte[] digest = digest(rawSecret);
        byte[] remembered = this.verified.getIfPresent(storedHash);
        if (remembered != null && MessageDigest.isEqual(remembered, digest)) {
            return true;
        }
        if (!this.slowHash.matches(rawSecret, storedHash)) {
            return false;
        }
        this.verified.put(storedHash, digest);
        return true;
    }

    /** Whether {@code rawSecret} was already verified against {@code storedHash}: no slow hash runs. */
    public boolean isRemembered(CharSequence rawSecret, String storedHash) {
        if (rawSecret == null || storedHash == null) {
            return false;
        }
        byte[] remembered = this.verified.getIfPresent(storedHash);
        return remembered != null && MessageDigest.isEqual(remembered, digest(rawSecret));
    }

    private byte[] digest(CharSequence rawSecret) {
        return this.macs.get().doFinal(rawSecret.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(this.key);
            return mac;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", ex);
        }
    }
}
