package io.healthid.idp.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx running the project's front-proxy configuration ({@code deploy/nginx/templates/idp-front.conf.template},
 * every {@code ${IDP_*}} substituted) as an ordinary process on loopback ports, with its pid file, logs and temporary
 * files in a directory of the test: nothing under {@code /etc} is read or written.
 */
final class NginxFront implements AutoCloseable {

    static final Path TEMPLATE = Path.of("..", "deploy", "nginx", "templates", "idp-front.conf.template");

    /** The address the proxy connects to the nodes from: the one address their {@code trusted-proxies} names. */
    static final String PROXY_ADDRESS = "127.0.0.2";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(IDP_[A-Z0-9_]+)}");

    private final Path prefix;
    private final Process process;
    private final int mainPort;
    private final int cardPort;

    private NginxFront(Path prefix, Process process, int mainPort, int cardPort) {
        this.prefix = prefix;
        this.process = process;
        this.mainPort = mainPort;
        this.cardPort = cardPort;
    }

    /** Skips the calling test, with a visible notice, when nginx is not installed ({@code .ci/run} installs it). */
    static Path requireNginx() {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            System.err.println("*** NOTICE: nginx not found (apt-get install nginx-light): front-proxy tests SKIPPED ***");
        }
        Assumptions.assumeTrue(Files.isExecutable(nginx), "nginx is not installed");
        return nginx;
    }

    static NginxFront start(Path prefix, int mainPort, int cardPort, CardAuthority pki, String... nodeAddresses)
            throws IOException, InterruptedException {
        Path nginx = requireNginx();
        Files.createDirectories(prefix.resolve("logs"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("IDP_MAIN_LISTEN", "127.0.0.1:" + mainPort);
        values.put("IDP_CARD_LISTEN", "127.0.0.1:" + cardPort);
        values.put("IDP_NODE_1", nodeAddresses[0]);
        values.put("IDP_NODE_2", nodeAddresses[1]);
        values.put("IDP_PROXY_BIND", PROXY_ADDRESS);
        values.put("IDP_LOG_DIR", prefix.resolve("logs").toString());
        values.put("IDP_CARD_TLS_CERT", pki.file("front.pem").toString());
        values.put("IDP_CARD_TLS_KEY", pki.file("front.key").toString());
        values.put("IDP_CARD_CLIENT_CAS", pki.file("personnes.pem").toString());
        values.put("IDP_CARD_TRUSTED_CAS", pki.file("racine.pem").toString());
        Files.writeString(prefix.resolve("idp-front.conf"), render(Files.readString(TEMPLATE), values));
        // what the nginx image's own nginx.conf provides around conf.d: here with every path under the prefix
        Files.writeString(prefix.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 256; }
                http {
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    include %1$s/idp-front.conf;
                }
                """.formatted(prefix));
        Files.createDirectories(prefix.resolve("tmp"));
        Process process = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c",
                prefix.resolve("nginx.conf").toString(), "-g", "daemon off;")
            .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        NginxFront front = new NginxFront(prefix, process, mainPort, cardPort);
        front.awaitListening();
        return front;
    }

    /** Every placeholder must have a value: a forgotten one would leave nginx a literal "${...}". */
    static String render(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + matcher.group(1) + "} in the nginx template");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    String mainUrl() {
        return "http://localhost:" + this.mainPort;
    }

    String cardUrl() {
        return "https://localhost:" + this.cardPort;
    }

    int cardPort() {
        return this.cardPort;
    }

    /** The card host's access log: which node served each request, and nginx's own verdict on the certificate. */
    String cardLog() throws IOException {
        return Files.readString(this.prefix.resolve("logs/idp-card.log"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(this.prefix.resolve("logs/stdout.log")));
            }
            if (LoopbackPorts.accepts(this.mainPort) && LoopbackPorts.accepts(this.cardPort)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("nginx did not listen within 20 s");
    }

    @Override
    public void close() {
        try {
            // for whoever reads a failed run's output: what nginx itself said
            System.out.println("nginx error log:\n" + Files.readString(this.prefix.resolve("logs/error.log")));
        }
        catch (IOException ignored) {
            // no log to show
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.process.destroyForcibly();
        }
    }
}
