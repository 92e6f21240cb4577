package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.IdpApplication;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADR 0007, start-up in parallel: the stores start on their own threads, yet a store that cannot start still fails
 * the server's start, saying which store and why, and the other store, started beside it, is stopped.
 */
@EnabledOnOs(OS.LINUX)
class EmbeddedStoreStartFailureIT {

    @TempDir
    Path root;

    private ChildProcess server;

    @Test
    void aRedisThatExitsAtOnceFailsTheStartAndLeavesNothingRunning() throws Exception {
        Path data = this.root.resolve("data");
        this.server = ChildProcess.mainClass(this.root.resolve("work"), "server", IdpApplication.class,
                "--idp.data-dir=" + data, "--idp.embedded.redis.executable=/bin/false", "--server.port=0",
                "--management.server.port=0", "--idp.card.port=-1");

        assertThat(this.server.awaitExit(Duration.ofMinutes(3))).as("exit status").isNotZero();

        assertThat(this.server.output())
            .contains("Embedded Redis did not start in " + data.resolve("redis"))
            .contains("Redis exited with status 1, see " + data.resolve("redis").resolve("redis.log"))
            .as("no bean created: the context waited for the stores")
            .doesNotContain("Flyway");
        assertThat(EmbeddedStoresWatchdogIT.awaitNoProcessIn(this.root, Duration.ofSeconds(60)))
            .as("PostgreSQL, started beside the Redis that failed, stopped with the JVM").isEmpty();
    }

    @AfterEach
    void noOrphans() throws IOException {
        if (this.server != null) {
            this.server.killIfAlive();
        }
        ProcTable.killWorkingIn(this.root);
    }
}
