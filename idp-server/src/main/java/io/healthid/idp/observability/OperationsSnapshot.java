package io.healthid.idp.observability;

import io.healthid.idp.x509.CrlStatusBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What operators check besides the attempts themselves, as of {@code takenAt}: the directory's freshness, the signing
 * keys and the CRLs.
 */
public record OperationsSnapshot(Instant takenAt, Optional<Directory> directory, List<Key> keys,
        List<CrlStatusBoard.Entry> crls, Duration rotationPeriod) {

    static final OperationsSnapshot EMPTY = new OperationsSnapshot(Instant.EPOCH, Optional.empty(), List.of(), List.of(),
            Duration.ZERO);

    /** {@code lastSyncAt} is {@code null} when the directory was never synced from the API. */
    public record Directory(Instant importedAt, long generation, long persons, long exercices, long activities,
            long rejectedLines, Instant lastSyncAt) {
    }

    /** A signing key's life; {@code signing} when it is the one its algorithm signs with now. */
    public record Key(String kid, String algorithm, Instant createdAt, Instant signsFrom, Instant signsUntil,
            Instant publishedUntil, boolean signing) {

        public Duration ageAt(Instant now) {
            return Duration.between(this.signsFrom, now);
        }
    }

    public List<Key> signingKeys() {
        return this.keys.stream().filter(Key::signing).toList();
    }
}
