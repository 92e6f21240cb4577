package io.healthid.idp.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import redis.embedded.RedisExecProvider;

/**
 * The {@code redis-server} the embedded Redis runs: the one an operator names ({@code idp.embedded.redis.executable},
 * e.g. Debian's {@code /usr/bin/redis-server}, patched by the distribution), else the binary packaged on Maven
 * Central (ADR 0007), copied once into the data directory.
 */
final class RedisExecutable {

    /** A compile-time constant of the packaged binaries' jar: the version its file names carry. */
    static final String BUNDLED_VERSION = RedisExecProvider.redisVersion;

    private RedisExecutable() {
    }

    static Path resolve(String configured, Path dataDirectory) {
        if (configured != null && !configured.isBlank()) {
            Path executable = Path.of(configured);
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("idp.embedded.redis.executable: " + executable + " is not executable");
            }
            return executable;
        }
        return bundled(dataDirectory);
    }

    private static Path bundled(Path dataDirectory) {
        String resource = "redis-server-" + BUNDLED_VERSION + "-" + platform();
        Path target = dataDirectory.resolve("bin").resolve("redis-server-" + BUNDLED_VERSION);
        try (InputStream in = RedisExecutable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No packaged Redis for " + platform()
                        + ": install redis-server and set idp.embedded.redis.executable");
            }
            if (Files.isExecutable(target)) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "redis-server", ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true, true)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot install the packaged Redis in " + target, ex);
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "arm64"
                : arch.equals("amd64") || arch.equals("x86_64") ? "amd64" : arch;
        return (os.contains("mac") ? "darwin" : os.contains("linux") ? "linux" : os) + "-" + cpu;
    }
}
