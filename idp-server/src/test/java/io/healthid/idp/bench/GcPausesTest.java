package io.healthid.idp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark reads each server's GC log: serial and G1 pause lines, the window, a log that is not there. */
class GcPausesTest {

    @Test
    void betweenWhenSerialAndG1LinesThenCountsPausesInTheWindowOnly(@TempDir Path dir) throws Exception {
        Path log = Files.write(dir.resolve("gc.log"), List.of(
                "[2026-12-02T18:30:10.953+0000] Using Serial",
                "[2026-12-02T18:30:11.208+0000] GC(0) Pause Young (Allocation Failure) 6M->2M(63M) 5.409ms",
                "[2026-12-02T18:30:11.362+0000] GC(12) Pause Full (Allocation Failure) 59M->9M(63M) 126.215ms",
                "[2026-12-02T18:30:11.841+0000] GC(13) Pause Young (Normal) (G1 Evacuation Pause) 15M->4M(64M) 5.671ms",
                "[2026-12-02T18:30:20.000+0000] GC(14) Pause Full (Allocation Failure) 60M->9M(63M) 300.000ms"));

        GcPauses.Summary window = GcPauses.between(log, Instant.parse("2026-12-02T18:30:11Z"),
                Instant.parse("2026-12-02T18:30:12Z"));

        assertThat(window).isEqualTo(new GcPauses.Summary(3, 1, 126.215));
    }

    @Test
    void betweenWhenNoLogThenNoPauses(@TempDir Path dir) {
        assertThat(GcPauses.between(dir.resolve("absent.log"), Instant.EPOCH, Instant.now()))
            .isEqualTo(new GcPauses.Summary(0, 0, 0));
    }
}
