package io.healthid.idp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saturation phase run by {@code wrk -t1 -c16} (as the issue measured) with {@code bench/side-by-side/load.lua}:
 * one thread, so one Lua state holds the pool of one-time values (codes, rotated refresh tokens) for all connections.
 */
final class Wrk {

    static final int CONNECTIONS = 16;
    /** After its length a phase draws no new value and waits for the answers in flight, at most this long. */
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Pattern RESULT = Pattern.compile("RESULT ok=(\\d+) failed=(\\d+) micros=(\\d+) windows=([0-9,]*)");

    /**
     * One request shape: {@code body} holds {@code {}} where a pool value goes, {@code rotate} names the member of the
     * answer that goes back into the pool, {@code expect} is text an accepted answer contains; {@code null}s mean none.
     */
    record Request(String method, String path, String authorization, String body, String rotate, String expect) {
    }

    /** What a phase did: accepted answers, the others, its length, and its 5 s windows' rates. */
    record Phase(long ok, long failed, double seconds, List<Integer> windows) {

        double perSecond() {
            return this.seconds == 0 ? 0 : this.ok / this.seconds;
        }
    }

    private final Path script;
    private final Path work;
    private final String base;

    Wrk(Path script, Path work, String base) {
        this.script = script;
        this.work = work;
        this.base = base;
    }

    /**
     * @param pool one-time values for the body, {@code null} for none; the values left at the end are returned in it
     * @param cap the phase's length: then it draws no new value and ends when the answers in flight are in
     */
    Phase run(Request request, List<String> pool, Duration cap) throws IOException, InterruptedException {
        return run(request, pool, cap, Duration.ZERO);
    }

    /** A warm-up: ends once two consecutive 5 s windows agree within 10 %, not before {@code atLeast}, {@code cap} at most. */
    Phase warmUp(Request request, List<String> pool, Duration cap, Duration atLeast) throws IOException, InterruptedException {
        return run(request, pool, cap, atLeast.isZero() ? Duration.ofSeconds(1) : atLeast);
    }

    private Phase run(Request request, List<String> pool, Duration cap, Duration warmAtLeast)
            throws IOException, InterruptedException {
        Path in = this.work.resolve("pool-in.txt");
        Path out = this.work.resolve("pool-out.txt");
        if (pool != null) {
            Files.write(in, pool, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
        }
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + CONNECTIONS,
                "-d" + (Math.max(1, cap.toSeconds()) + DRAIN.toSeconds()) + "s", "--timeout", "30s", "-s", this.script.toString(), this.base,
                "--", request.method(), request.path(), orDash(request.authorization()), orDash(request.body()),
                pool == null ? "-" : in.toString(), orDash(request.rotate()), pool == null ? "-" : out.toString(),
                String.valueOf(warmAtLeast.toSeconds()), orDash(request.expect()), String.valueOf(Math.max(1, cap.toSeconds()))));
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(cap.toSeconds() + DRAIN.toSeconds() + 60, TimeUnit.SECONDS)) {
            wrk.destroyForcibly();
        }
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("wrk gave no result: " + output);
        }
        if (pool != null) {
            pool.clear();
            if (Files.exists(out)) {
                Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(line -> !line.isEmpty()).forEach(pool::add);
            }
        }
        List<Integer> windows = result.group(4).isEmpty() ? List.of()
                : Arrays.stream(result.group(4).split(",")).map(Integer::valueOf).toList();
        return new Phase(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)),
                Long.parseLong(result.group(3)) / 1e6, windows);
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
