package io.healthid.idp.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM this test starts as an operator would ({@code java -jar idp-server.jar ...} or a main class on the test
 * classpath), its output in a file; ended by the test with the signal it chooses.
 */
final class ChildProcess {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code java -jar idp-server.jar ARGS}, working in {@code workDirectory}. */
    static ChildProcess serverJar(Path workDirectory, String name, String... args) {
        String jar = System.getProperty("idp.server.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("idp.server.jar (the packaged server) is not set: run through mvn verify");
        }
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-jar", jar));
        command.addAll(List.of(args));
        return start(workDirectory, name, command);
    }

    /** {@code java -cp TEST-CLASSPATH MAIN ARGS}, working in {@code workDirectory}. */
    static ChildProcess mainClass(Path workDirectory, String name, Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return start(workDirectory, name, command);
    }

    private static ChildProcess start(Path workDirectory, String name, List<String> command) {
        return start(new ProcessBuilder(command), workDirectory, name);
    }

    /** A command as given (its own {@code java}, environment and directory), its output in {@code logDirectory}. */
    static ChildProcess start(ProcessBuilder command, Path logDirectory, String name) {
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(name + ".log");
            if (command.directory() == null) {
                command.directory(logDirectory.toFile());
            }
            Process process = command
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new ChildProcess(process, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    long pid() {
        return this.process.pid();
    }

    String output() {
        try {
            return Files.readString(this.log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Waits until {@code url} answers 200 (the server is up), failing early if the process ends. */
    void awaitUp(String url, Duration timeout) throws InterruptedException {
        awaitStatus(url, 200, timeout);
    }

    /** Waits until {@code url} answers {@code status}, failing early if the process ends. */
    void awaitStatus(String url, int status, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new AssertionError("The process ended with " + this.process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == status) {
                    return;
                }
            }
            catch (IOException notYet) {
                // not listening yet
            }
            waitForExitAtMost(Duration.ofMillis(200));
        }
        throw new AssertionError("No " + status + " from " + url + " within " + timeout + ":\n" + tail());
    }

    /** Waits until the output contains {@code text}, failing early if the process ends. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!this.process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("No \"" + text + "\" in the output:\n" + tail());
            }
            waitForExitAtMost(Duration.ofMillis(100));
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            this.process.destroyForcibly();
            throw new AssertionError("Still running after " + timeout + ":\n" + tail());
        }
        return this.process.exitValue();
    }

    /** SIGKILL: what the OOM killer or a power cut of the JVM does. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly();
        this.process.waitFor();
    }

    /** SIGTERM: a clean stop begins. */
    void terminate() {
        this.process.destroy();
    }

    void killIfAlive() {
        this.process.destroyForcibly();
    }

    private void waitForExitAtMost(Duration duration) throws InterruptedException {
        this.process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String tail() {
        String output = output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
