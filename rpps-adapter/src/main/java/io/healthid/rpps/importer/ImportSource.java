package io.healthid.rpps.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A directory file to import: a name for messages and a way to open it (opened once, read once, closed). */
public record ImportSource(String name, Opener opener) {

    /** Opens the raw bytes of the file. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ImportSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    public static ImportSource of(Path file) {
        return new ImportSource(file.getFileName().toString(), () -> Files.newInputStream(file));
    }

    /** A resource of the given class loader, e.g. {@code io/healthid/rpps/sample/sample-directory.txt}. */
    public static ImportSource classpath(String resource, ClassLoader loader) {
        return new ImportSource(resource, () -> {
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new UncheckedIOException(new IOException("no classpath resource " + resource));
            }
            return in;
        });
    }

    public static ImportSource classpath(String resource) {
        return classpath(resource, ImportSource.class.getClassLoader());
    }
}
