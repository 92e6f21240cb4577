package io.healthid.rpps.sync;

import io.healthid.rpps.model.Practitioner;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A batch of changes to apply to the live directory in one transaction.
 *
 * @param fetchedOn the day the changes were read from the source; recorded as the start of the next sync
 * @param updated   practitioners to write as they are now (replacing every row of their idNat)
 * @param removed   idNats to delete
 */
public record DirectoryDelta(LocalDate fetchedOn, List<Practitioner> updated, List<String> removed) {

    public DirectoryDelta {
        Objects.requireNonNull(fetchedOn, "fetchedOn");
        updated = List.copyOf(updated);
        removed = List.copyOf(removed);
        Set<String> seen = new HashSet<>();
        for (Practitioner p : updated) {
            requireOnce(seen, p.idNat());
        }
        for (String idNat : removed) {
            requireOnce(seen, idNat);
        }
    }

    /** Every idNat the delta touches. */
    public List<String> idNats() {
        return Stream.concat(updated.stream().map(Practitioner::idNat), removed.stream()).toList();
    }

    public boolean isEmpty() {
        return updated.isEmpty() && removed.isEmpty();
    }

    private static void requireOnce(Set<String> seen, String idNat) {
        // one idNat twice would make the result depend on the order of the rows
        if (idNat == null || idNat.isEmpty() || !seen.add(idNat)) {
            throw new IllegalArgumentException("a delta names each idNat once; got " + idNat + " again or empty");
        }
    }
}
