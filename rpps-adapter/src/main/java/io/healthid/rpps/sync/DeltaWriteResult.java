package io.healthid.rpps.sync;

/**
 * What a delta did to the live directory.
 *
 * @param changed       false when the delta was empty (the generation, hence the cache, is kept)
 * @param generation    the directory generation after the delta
 * @param added         practitioners that were not in the directory
 * @param updated       practitioners replaced
 * @param removed       practitioners deleted
 * @param alreadyAbsent removals of practitioners that were not in the directory anyway
 */
public record DeltaWriteResult(boolean changed, long generation, int added, int updated, int removed,
        int alreadyAbsent) {
}
