package io.healthid.rpps.importer;

/** Receives progress of an import on the importing thread; keep it quick. */
@FunctionalInterface
public interface ImportProgressListener {

    ImportProgressListener NONE = progress -> { };

    void onProgress(ImportProgress progress);
}
