package io.healthid.rpps.testsupport;

import io.healthid.rpps.importer.ImportSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test files under src/test/resources. */
public final class Resources {

    private Resources() {
    }

    public static ImportSource source(String path) {
        return ImportSource.classpath(path, Resources.class.getClassLoader());
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ImportSource source(String name, byte[] content) {
        return new ImportSource(name, () -> new ByteArrayInputStream(content));
    }
}
