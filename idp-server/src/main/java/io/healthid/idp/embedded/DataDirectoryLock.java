package io.healthid.idp.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One owner per data directory: an operating-system lock on {@code idp.lock}, held until this JVM exits (the kernel
 * releases it however the JVM ends, {@code kill -9} included), with the owner's PID written in the file so that a
 * refused process can name it. The embedded servers are not the owner: they never inherit the lock.
 */
public final class DataDirectoryLock {

    static final String FILE_NAME = "idp.lock";

    /** The process holding a data directory, as its lock file names it. */
    public record Owner(Path directory, String pid, String role, String since) {
    }

    // one channel per file for the JVM's lifetime: closing any other channel on it would drop the lock (POSIX locks)
    private static final Map<Path, FileLock> HELD = new HashMap<>();

    private DataDirectoryLock() {
    }

    /** Takes the directory for this JVM, or fails naming the process that has it. */
    public static synchronized void acquire(Path directory, String role) {
        tryAcquire(directory, role).ifPresent(owner -> {
            throw new DataDirectoryInUseException(owner);
        });
    }

    /** Takes the directory for this JVM (true if it already had it), or returns the other process that has it. */
    public static synchronized Optional<Owner> tryAcquire(Path directory, String role) {
        Path key = directory.toAbsolutePath().normalize();
        if (HELD.containsKey(key)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(key);
            FileChannel channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                try (channel) {
                    return Optional.of(owner(key, channel));
                }
            }
            String content = "pid=" + ProcessHandle.current().pid() + "\nrole=" + role + "\nsince=" + Instant.now() + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            HELD.put(key, lock);
            return Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot lock the data directory " + key, ex);
        }
    }

    private static Owner owner(Path directory, FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(buffer, 0);
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                fields.put(line.substring(0, equals), line.substring(equals + 1).trim());
            }
        }
        return new Owner(directory, fields.getOrDefault("pid", "?"), fields.getOrDefault("role", "?"),
                fields.getOrDefault("since", "?"));
    }
}
