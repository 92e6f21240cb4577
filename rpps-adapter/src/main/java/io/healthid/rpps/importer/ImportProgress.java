package io.healthid.rpps.importer;

/** Where an import is, reported to an {@link ImportProgressListener}. */
public record ImportProgress(Phase phase, String source, long rowsRead) {

    public enum Phase {
        /** Reading a file into staging; reported every N rows. */
        LOADING,
        /** Grouping staged rows into persons, exercices and activities (the readers still see the old directory). */
        GROUPING,
        /** Switching readers to the new directory. */
        SWAPPING,
        /** Finished (swapped, or nothing changed). */
        DONE
    }
}
