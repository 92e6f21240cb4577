package io.healthid.idp.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test PKI of the embedded server's data directory, as it evolves: a revocation is saved to the directory and
 * shows in the next CRL served, like a real CA publishing its list.
 */
public final class EmbeddedPki {

    private final Path directory;
    private final AtomicReference<TestPki> current;

    private EmbeddedPki(Path directory, TestPki pki) {
        this.directory = directory;
        this.current = new AtomicReference<>(pki);
    }

    public static EmbeddedPki loadOrCreate(Path directory, TestPki.Builder whenAbsent) {
        try {
            return new EmbeddedPki(directory, TestPki.loadOrCreate(directory, whenAbsent));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The embedded test PKI cannot be created in " + directory, ex);
        }
    }

    public TestPki current() {
        return this.current.get();
    }

    public synchronized void revoke(X509Certificate certificate) {
        TestPki revoked = this.current.get().revoke(certificate);
        try {
            revoked.save(this.directory);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The revocation cannot be saved in " + this.directory, ex);
        }
        this.current.set(revoked);
    }
}
