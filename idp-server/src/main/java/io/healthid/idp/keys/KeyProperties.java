package io.healthid.idp.keys;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the signing keys, {@code idp.keys.*}. A missing setting takes its default, so a partial configuration
 * (or none, in tests) is valid.
 *
 * @param encryptionKey base64 of the 32-byte AES key that encrypts private keys at rest; may be absent only where
 *     the caller supplies the key-encryption key another way (embedded mode, see {@link KeyEncryptionKey#loadOrCreate})
 * @param rotationPeriod how long a key signs before its successor takes over
 * @param publishAhead how long a new key is published before it signs: relying parties that cached the JWKS just
 *     before the new key appeared must have refetched it by then
 * @param retention how long a retired key stays published: the longest lifetime of anything it signed
 *     (ID tokens, access tokens, JWT userinfo responses)
 * @param refreshInterval how often each node reloads the keys from the database and checks whether rotation is due
 * @param jwksMaxAge the {@code Cache-Control: max-age} of the JWKS response
 * @param nativeSignatures AWS-LC's signatures where its library loads (default); false: the JDK's ({@link NativeSigners})
 */
@ConfigurationProperties("idp.keys")
public record KeyProperties(
        String encryptionKey,
        Duration rotationPeriod,
        Duration publishAhead,
        Duration retention,
        Duration refreshInterval,
        Duration jwksMaxAge,
        Boolean nativeSignatures) {

    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(30);
    public static final Duration DEFAULT_PUBLISH_AHEAD = Duration.ofHours(1);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_JWKS_MAX_AGE = Duration.ofMinutes(10);

    public KeyProperties {
        rotationPeriod = positiveOrDefault("rotation-period", rotationPeriod, DEFAULT_ROTATION_PERIOD);
        publishAhead = positiveOrDefault("publish-ahead", publishAhead, DEFAULT_PUBLISH_AHEAD);
        retention = positiveOrDefault("retention", retention, DEFAULT_RETENTION);
        refreshInterval = positiveOrDefault("refresh-interval", refreshInterval, DEFAULT_REFRESH_INTERVAL);
        jwksMaxAge = positiveOrDefault("jwks-max-age", jwksMaxAge, DEFAULT_JWKS_MAX_AGE);
        nativeSignatures = nativeSignatures == null || nativeSignatures;
        // A new key reaches a relying party at worst one node refresh plus one JWKS cache lifetime after its
        // creation: it must be there before the key signs anything.
        if (refreshInterval.plus(jwksMaxAge).compareTo(publishAhead) >= 0) {
            throw new IllegalArgumentException("idp.keys.publish-ahead (" + publishAhead
                + ") must exceed idp.keys.refresh-interval + idp.keys.jwks-max-age (" + refreshInterval + " + "
                + jwksMaxAge + "), or relying parties could meet a signature by a key they have not fetched yet");
        }
        if (rotationPeriod.compareTo(publishAhead) <= 0) {
            throw new IllegalArgumentException("idp.keys.rotation-period (" + rotationPeriod
                + ") must exceed idp.keys.publish-ahead (" + publishAhead + ")");
        }
    }

    /** Every default, no encryption key. */
    public static KeyProperties defaults() {
        return new KeyProperties(null, null, null, null, null, null, null);
    }

    /** Never shows the encryption key: properties end up in logs and actuator output. */
    @Override
    public String toString() {
        return "KeyProperties[encryptionKey=" + (encryptionKey == null ? "absent" : "<redacted>")
            + ", rotationPeriod=" + rotationPeriod + ", publishAhead=" + publishAhead + ", retention=" + retention
            + ", refreshInterval=" + refreshInterval + ", jwksMaxAge=" + jwksMaxAge
            + ", nativeSignatures=" + nativeSignatures + "]";
    }

    private static Duration positiveOrDefault(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("idp.keys." + name + " must be positive, was " + value);
        }
        return value;
    }
}
