package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0016: README's start command, word for word from README.md, run from the repository's root after the build:
 * the class-data-sharing archive the build wrote maps ({@code -Xshare:on} makes an archive the JVM cannot use fatal)
 * and the server's own classes come from it; the start and the stop that follows log no Redis connection closed twice.
 */
@EnabledOnOs(OS.LINUX)
class ReadmeStartCommandIT {

    private static final String BUILD = "mvn -q -DskipTests package && ";

    @TempDir
    Path work;

    private ChildProcess server;

    @Test
    void readmeCommandWhenBuiltThenStartsWithTheClassesOfItsArchive() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        List<String> words = readmeCommand(repository.resolve("README.md"));
        assertThat(words.get(0)).isEqualTo("MALLOC_ARENA_MAX=2");
        assertThat(words.get(1)).isEqualTo("java");
        Path classLog = this.work.resolve("class-load.log");
        List<String> command = new ArrayList<>(List.of("java", "-Xshare:on",
                "-Xlog:class+load=info:file=" + classLog));
        command.addAll(words.subList(2, words.size()));
        command.addAll(List.of("--idp.data-dir=" + this.work.resolve("data"), "--server.port=0",
                "--management.server.port=0", "--idp.card.port=0", "--idp.exit-when-ready=true"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");

        this.server = ChildProcess.start(builder, this.work, "server");

        assertThat(this.server.awaitExit(Duration.ofMinutes(3))).as("exit status, output:%n%s", this.server.output())
            .isZero();
        assertThat(this.server.output()).contains("Started IdpApplication")
            .as("the stop closes each Redis connection once (Lettuce warns at a second close)")
            .doesNotContain("Connection is already closed");
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
            // the archive was trained with the JDK's signers (ADR 0016): the command itself loads AWS-LC's
            assertThat(this.server.output()).as("ADR 0002").contains("Token signatures: AWS-LC");
        }
        assertThat(Files.readAllLines(classLog))
            .anyMatch(line -> line.contains(" io.healthid.idp.IdpApplication source: shared objects file (top)"))
            .anyMatch(line -> line.contains(" io.healthid.idp.keys.SigningKeyService source: shared objects file (top)"))
            .as("the web server's start, after the context's refresh, was trained too")
            .anyMatch(line -> line.contains(" org.springframework.boot.reactor.netty.NettyWebServer source: shared objects file (top)"));
    }

    /** The words after the build in README's {@code mvn -q -DskipTests package && ...} line. */
    private static List<String> readmeCommand(Path readme) throws IOException {
        String line = Files.readAllLines(readme).stream()
            .filter(candidate -> candidate.startsWith(BUILD))
            .findFirst()
            .orElseThrow(() -> new AssertionError("README.md has no line starting with " + BUILD));
        return Arrays.asList(line.substring(BUILD.length()).trim().split("\\s+"));
    }

    @AfterEach
    void noOrphans() throws IOException {
        if (this.server != null) {
            this.server.killIfAlive();
        }
        ProcTable.killWorkingIn(this.work);
    }
}
