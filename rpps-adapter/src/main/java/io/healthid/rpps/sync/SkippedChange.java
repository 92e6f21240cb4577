package io.healthid.rpps.sync;

/** A change the sync did not write (the directory keeps what it had for that idNat), and why. */
public record SkippedChange(String idNat, String reason) {
}
