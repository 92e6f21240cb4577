package io.healthid.idp.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The test PKI of the embedded server's data directory, as it evolves: a revocation is saved to the directory and
 * shows in the next CRL served, like a real CA publishing its list.
 * <p>
 * A CA signs its CRL at most once a minute, and again at once after a revocation: every card login reads the CRLs
 * of its path, and a signature per CA per login was a tenth of a login's CPU. A CRL a minute old is still valid for
 * the configured CRL validity (days).
 */
public final class EmbeddedPki {

    static final Duration CRL_REISSUE = Duration.ofMinutes(1);

    private final Path directory;
    private final AtomicReference<TestPki> current;
    private final Map<CaName, SignedCrl> signed = new ConcurrentHashMap<>();

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

    /** The CA's current CRL (DER): signed less than {@link #CRL_REISSUE} ago by the PKI as it is now. */
    public byte[] crl(CaName ca) {
        TestPki pki = this.current.get();
        Instant now = pki.now();
        return this.signed.compute(ca, (name, last) -> last != null && last.isCurrent(pki, now) ? last
                : new SignedCrl(pki, now, pki.crl(name))).der();
    }

    private record SignedCrl(TestPki by, Instant at, byte[] der) {

        boolean isCurrent(TestPki pki, Instant now) {
            return this.by == pki && now.isBefore(this.at.plus(CRL_REISSUE)) && !now.isBefore(this.at);
        }
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
