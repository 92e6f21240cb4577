package io.healthid.idp.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What only the data directory's owner may read (ADR 0007): the stores' data, their logs and Redis's configuration,
 * which holds its password. Where the file system has no POSIX modes, nothing is changed.
 */
final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Runs a program with umask 077, so that the files it creates are its owner's only. */
    private static final String UMASK = "umask 077 && exec \"$0\" \"$@\"";

    private OwnerOnly() {
    }

    /** Creates {@code directory} if needed, mode 700. */
    static void directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (posix(directory)) {
            Files.setPosixFilePermissions(directory, DIRECTORY);
        }
    }

    /** Creates {@code file} if needed, mode 600 (a log appended to, a configuration rewritten). */
    static void file(Path file) throws IOException {
        if (Files.notExists(file)) {
            Files.createFile(file);
        }
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Modes 700 and 600 for {@code directory} and all below it (what an older version wrote 755 and 644). */
    static void tree(Path directory) throws IOException {
        if (!posix(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.toList()) {
                if (!Files.isSymbolicLink(path)) {
                    Files.setPosixFilePermissions(path, Files.isDirectory(path) ? DIRECTORY : FILE);
                }
            }
        }
    }

    /** {@code command}, run so that what it creates is mode 600 where a POSIX shell can set its umask. */
    static List<String> command(List<String> command) {
        if (!Files.isExecutable(StoreProcesses.SHELL)) {
            return command;
        }
        return Stream.concat(Stream.of(StoreProcesses.SHELL.toString(), "-c", UMASK), command.stream()).toList();
    }

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }
}
