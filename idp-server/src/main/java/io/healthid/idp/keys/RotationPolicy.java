package io.healthid.idp.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides, from the keys in the database and the time, which keys to create and which to retire. Pure: the caller
 * applies the plan under the database lock.
 */
final class RotationPolicy {

    private final Duration rotationPeriod;
    private final Duration publishAhead;
    private final Duration retention;

    RotationPolicy(KeyProperties properties) {
        this.rotationPeriod = properties.rotationPeriod();
        this.publishAhead = properties.publishAhead();
        this.retention = properties.retention();
    }

    /** A key to generate, and a key to take out of signing (and, after the retention, out of the JWKS). */
    record NewKey(SigningAlgorithm algorithm, Instant signsFrom) {
    }

    record Retirement(String kid, Instant signsUntil, Instant publishedUntil) {
    }

    record Plan(List<NewKey> newKeys, List<Retirement> retirements) {
    }

    /**
     * Per algorithm: with no key able to sign (first start, or the current one was compromised), a key that signs
     * at once; when the current key is due for replacement and has no announced successor, a successor that signs
     * after {@code publishAhead}; and every key overtaken by a newer one that has started signing is retired.
     */
    Plan scheduled(KeySnapshot snapshot, Instant now) {
        return plan(snapshot, now, false);
    }

    /** As {@link #scheduled} but announces a successor now, whatever the current key's age (an operator's call). */
    Plan immediate(KeySnapshot snapshot, Instant now) {
        return plan(snapshot, now, true);
    }

    private Plan plan(KeySnapshot snapshot, Instant now, boolean rotateRegardlessOfAge) {
        List<NewKey> newKeys = new ArrayList<>();
        List<Retirement> retirements = new ArrayList<>();
        for (SigningAlgorithm algorithm : SigningAlgorithm.values()) {
            List<SigningKey> keys = snapshot.keys().stream().filter(key -> key.algorithm() == algorithm).toList();
            Optional<SigningKey> current = snapshot.currentKey(algorithm, now);
            boolean successorAnnounced = keys.stream().anyMatch(key -> key.isPendingAt(now));
            if (current.isEmpty()) {
                newKeys.add(new NewKey(algorithm, now));
            }
            else if (!successorAnnounced && (rotateRegardlessOfAge || isDue(current.get(), now))) {
                newKeys.add(new NewKey(algorithm, now.plus(publishAhead)));
            }
            for (SigningKey key : keys) {
                if (key.signsUntil() == null) {
                    overtakenAt(key, keys, now).ifPresent(signsUntil ->
                        retirements.add(new Retirement(key.kid(), signsUntil, signsUntil.plus(retention))));
                }
            }
        }
        return new Plan(List.copyOf(newKeys), List.copyOf(retirements));
    }

    /** Due once it has signed for the rotation period less the publish-ahead, so the successor signs on time. */
    private boolean isDue(SigningKey current, Instant now) {
        return !current.signsFrom().plus(rotationPeriod).minus(publishAhead).isAfter(now);
    }

    /** When the first newer key started signing, if one has. */
    private static Optional<Instant> overtakenAt(SigningKey key, List<SigningKey> sameAlgorithm, Instant now) {
        return sameAlgorithm.stream()
            .map(SigningKey::signsFrom)
            .filter(signsFrom -> signsFrom.isAfter(key.signsFrom()) && !signsFrom.isAfter(now))
            .min(Comparator.naturalOrder());
    }
}
