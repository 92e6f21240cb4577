package io.healthid.idp.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: where the operating system allows, the embedded servers end when their JVM dies. */
@EnabledOnOs(OS.LINUX)
class EmbeddedStoresWatchdogIT {

    @TempDir
    Path root;

    private ChildProcess stores;

    @Test
    void storesEndWhenTheirJvmIsKilled() throws Exception {
        Path data = this.root.resolve("data");
        this.stores = ChildProcess.mainClass(this.root.resolve("work"), "stores", EmbeddedStoresOnly.class,
                data.toString());
        this.stores.awaitOutput("stores ready", Duration.ofMinutes(3));
        assertThat(ProcTable.postmasters(data)).hasSize(1);
        assertThat(ProcTable.redisServers(data)).hasSize(1);

        this.stores.kill();

        assertThat(awaitNoProcessIn(this.root, Duration.ofSeconds(60)))
            .as("processes still working in %s after SIGKILL of their JVM", this.root).isEmpty();
    }

    /** Polls /proc until nothing works in {@code directory} any more; returns what is left at the deadline. */
    static List<ProcTable.Entry> awaitNoProcessIn(Path directory, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcTable.Entry> left = ProcTable.workingIn(directory);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            ProcessHandle.of(left.get(0).pid()).ifPresent(process -> process.onExit().completeOnTimeout(null,
                    100, TimeUnit.MILLISECONDS).join());
            left = ProcTable.workingIn(directory);
        }
        return left;
    }

    @AfterEach
    void noOrphans() throws IOException {
        if (this.stores != null) {
            this.stores.killIfAlive();
        }
        ProcTable.killWorkingIn(this.root);
    }
}
