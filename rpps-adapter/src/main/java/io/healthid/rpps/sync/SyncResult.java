package io.healthid.rpps.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * What one delta sync did.
 *
 * @param since         changes asked from this day on ({@code _lastUpdated=ge<since>})
 * @param fetchedOn     the day they were fetched: recorded, the next sync starts there
 * @param changed       false when there was nothing to write (generation and cache kept)
 * @param generation    the directory generation after the sync
 * @param listed        idNats the API listed as changed
 * @param added         practitioners new to the directory
 * @param updated       practitioners replaced by their current state
 * @param removed       practitioners deleted ({@code active=false} or gone)
 * @param alreadyAbsent removals of practitioners that were not in the directory
 * @param skipped       changes not written (unmappable), with reasons
 */
public record SyncResult(LocalDate since, LocalDate fetchedOn, boolean changed, long generation, int listed, int added,
        int updated, int removed, int alreadyAbsent, List<SkippedChange> skipped, Duration duration) {

    public SyncResult {
        skipped = List.copyOf(skipped);
    }
}
