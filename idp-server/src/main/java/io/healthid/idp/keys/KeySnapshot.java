package io.healthid.idp.keys;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The keys as last read from the database, immutable. Which key signs and which are published is decided against
 * the clock at each call, not at load time, so every node switches to a successor at the same instant, its
 * {@code signsFrom}, even when the database is unreachable.
 */
final class KeySnapshot {

    /** Newest first: the first key that may sign is the current one. */
    private static final Comparator<SigningKey> NEWEST_FIRST =
        Comparator.comparing(SigningKey::signsFrom).thenComparing(SigningKey::createdAt).reversed();

    static final KeySnapshot EMPTY = new KeySnapshot(List.of());

    private final List<SigningKey> keys;

    /**
     * Each key's public part, made once: {@code toPublicJWK} builds a new key and checks an EC point on its curve,
     * which every verification of our own tokens (userinfo) paid again.
     */
    private final List<PublicPart> publicParts;

    KeySnapshot(List<SigningKey> keys) {
        this.keys = keys.stream().sorted(NEWEST_FIRST).toList();
        this.publicParts = this.keys.stream().map(key -> new PublicPart(key, key.publicJwk())).toList();
    }

    List<SigningKey> keys() {
        return keys;
    }

    Optional<SigningKey> currentKey(SigningAlgorithm algorithm, Instant now) {
        return keys.stream().filter(key -> key.algorithm() == algorithm && key.maySignAt(now)).findFirst();
    }

    /** The public parts of pending, current and retired-but-still-published keys. */
    JWKSet published(Instant now) {
        return new JWKSet(publicParts.stream().filter(part -> part.key().isPublishedAt(now))
            .map(PublicPart::jwk).toList());
    }

    private record PublicPart(SigningKey key, JWK jwk) {
    }
}
