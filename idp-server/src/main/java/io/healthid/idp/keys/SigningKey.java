package io.healthid.idp.keys;

import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Objects;

/**
 * One signing key and its life: published from {@code createdAt}, signs from {@code signsFrom} until
 * {@code signsUntil} (null while nothing replaced it), published until {@code publishedUntil} (null while it signs).
 *
 * @param jwk the whole key, private part included: hand out {@link #publicJwk()} only
 */
public record SigningKey(
        String kid,
        SigningAlgorithm algorithm,
        JWK jwk,
        Instant createdAt,
        Instant signsFrom,
        Instant signsUntil,
        Instant publishedUntil) {

    public SigningKey {
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(signsFrom, "signsFrom");
        if (!kid.equals(jwk.getKeyID())) {
            throw new IllegalArgumentException("kid " + kid + " differs from the JWK's " + jwk.getKeyID());
        }
    }

    /** A key nobody has retired yet, signing from {@code signsFrom}. */
    static SigningKey generate(SigningAlgorithm algorithm, Instant createdAt, Instant signsFrom) {
        JWK jwk = algorithm.generate();
        return new SigningKey(jwk.getKeyID(), algorithm, jwk, createdAt, signsFrom, null, null);
    }

    public JWK publicJwk() {
        return jwk.toPublicJWK();
    }

    boolean isRetiredAt(Instant now) {
        return signsUntil != null && !signsUntil.isAfter(now);
    }

    /** Started signing and not retired: a candidate for the current key (the newest candidate wins). */
    boolean maySignAt(Instant now) {
        return !signsFrom.isAfter(now) && !isRetiredAt(now);
    }

    /** Not yet signing and not retired: the announced successor. */
    boolean isPendingAt(Instant now) {
        return signsFrom.isAfter(now) && !isRetiredAt(now);
    }

    boolean isPublishedAt(Instant now) {
        return publishedUntil == null || publishedUntil.isAfter(now);
    }

    /** Never prints the private part (a record's default toString would, through the JWK). */
    @Override
    public String toString() {
        return "SigningKey[kid=" + kid + ", algorithm=" + algorithm + ", createdAt=" + createdAt + ", signsFrom="
            + signsFrom + ", signsUntil=" + signsUntil + ", publishedUntil=" + publishedUntil + "]";
    }
}
