package io.healthid.idp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole code flow driven by the OpenID-certified JavaScript relying-party library {@code openid-client}
 * ({@code src/test/node/e2e.mjs}, run with the machine's Node.js) against the running server and the test
 * authenticator. The library checks the protocol strictly (discovery issuer, RFC 9207 {@code iss}, state, PKCE, ID
 * token signature and claims, userinfo subject); this test checks that every step passed and the values it reports.
 * Without Node.js, or without {@code npm ci} having been run in {@code src/test/node}, the test is skipped with a
 * notice.
 */
@IdpIntegrationTest
class OpenIdClientEndToEndTest {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node").toAbsolutePath();
    private static final String NATIONAL_ID = "819990000010";
    private static final long TIMEOUT_SECONDS = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    @DisplayName("openid-client (certified RP library) drives discovery, code flow with PKCE, userinfo, refresh, introspection, revocation and logout")
    void codeFlowWhenDrivenByOpenidClientThenEveryStepVerifies() throws Exception {
        // In the test rather than in @BeforeAll: Surefire then counts it as skipped, where it shows.
        Path node = nodeOrSkip();
        String issuer = new RelyingParty(ServerPort.PORT).issuer();

        Run run = runNode(node, Map.of("ISSUER", issuer, "CLIENT_ID", RelyingParty.DEMO_CLIENT, "CLIENT_SECRET",
                RelyingParty.DEMO_SECRET, "REDIRECT_URI", RelyingParty.DEMO_REDIRECT, "NATIONAL_ID", NATIONAL_ID,
                "POST_LOGOUT_REDIRECT_URI", "http://localhost:8081/"));
        Map<String, JsonNode> steps = run.steps();

        assertThat(run.exitCode()).as("node e2e.mjs exit code; its output:%n%s", run.output()).isZero();
        assertThat(steps.values()).as("every step passed; node's output:%n%s", run.output())
            .allSatisfy(step -> assertThat(step.get("ok").asBoolean()).isTrue());
        assertThat(steps).as("steps reported; node's output:%n%s", run.output()).containsKeys("discovery", "authorize",
                "tampered-state", "tampered-iss", "authorization-code-grant", "code-reuse", "userinfo", "refresh",
                "introspection", "revocation", "end-session", "second-sign-in", "wrong-nonce", "done");

        assertThat(steps.get("discovery").get("issuer").asString()).isEqualTo(issuer);
        // advertised, so the library requires the RFC 9207 "iss" parameter on every authorization response
        assertThat(steps.get("discovery").get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(steps.get("authorize").get("callback").asString()).isEqualTo(RelyingParty.DEMO_REDIRECT);
        assertThat(steps.get("authorize").get("iss").asString()).isEqualTo(issuer);

        JsonNode grant = steps.get("authorization-code-grant");
        String subject = grant.get("sub").asString();
        assertThat(grant.get("iss").asString()).isEqualTo(issuer);
        assertThat(grant.get("aud").toString()).contains(RelyingParty.DEMO_CLIENT);
        assertThat(subject).matches("f:[0-9a-f-]{36}:" + NATIONAL_ID);
        assertThat(grant.get("SubjectNameID").asString()).isEqualTo(NATIONAL_ID);
        assertThat(grant.get("nonceMatches").asBoolean()).isTrue();
        assertThat(grant.get("atHashChecked").asBoolean()).isTrue();
        assertThat(grant.get("kid").isString()).isTrue();

        assertThat(steps.get("userinfo").get("sub").asString()).isEqualTo(subject);
        assertThat(steps.get("userinfo").get("SubjectNameID").asString()).isEqualTo(NATIONAL_ID);
        assertThat(steps.get("refresh").get("rotatedRefreshToken").asBoolean()).isTrue();
        assertThat(steps.get("introspection").get("active").asBoolean()).isTrue();
        assertThat(steps.get("introspection").get("sub").asString()).isEqualTo(subject);
        assertThat(steps.get("revocation").get("activeAfterRevocation").asBoolean()).isFalse();
        assertThat(steps.get("end-session").get("stateReturned").asBoolean()).isTrue();
        Map<String, String> rejections = Map.of("tampered-state", "\"state\"", "tampered-iss", "\"iss\"",
                "wrong-nonce", "\"nonce\"", "code-reuse", "invalid_grant");
        rejections.forEach((step, reason) -> {
            assertThat(steps.get(step).get("rejected").asBoolean()).as(step).isTrue();
            assertThat(steps.get(step).get("reason").asString()).as(step).contains(reason);
        });
    }

    /** Node.js on the PATH and {@code openid-client} installed ({@code npm ci}), or the test is skipped visibly. */
    private static Path nodeOrSkip() {
        Optional<Path> node = onPath(isWindows() ? "node.exe" : "node");
        boolean installed = Files.isDirectory(NODE_PROJECT.resolve("node_modules").resolve("openid-client"));
        String reason = node.isEmpty() ? "Node.js not found: the openid-client end-to-end test is skipped"
                : "openid-client is not installed (run `npm ci` in " + NODE_PROJECT
                        + "): the openid-client end-to-end test is skipped";
        if (node.isEmpty() || !installed) {
            System.err.println("*** NOTICE: " + reason + " ***");
        }
        Assumptions.assumeTrue(node.isPresent() && installed, reason);
        return node.get();
    }

    private static Optional<Path> onPath(String executable) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(File.pathSeparator))
            .filter(directory -> !directory.isBlank())
            .map(directory -> Path.of(directory, executable))
            .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            .findFirst();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static Run runNode(Path node, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("openid-client-e2e", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(node.toString(), "e2e.mjs").directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                String text = Files.readString(output, StandardCharsets.UTF_8);
                System.err.println(text);
                throw new AssertionError(
                        "node e2e.mjs did not finish within " + TIMEOUT_SECONDS + " s; its output:\n" + text);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Run run = new Run(process.exitValue(), text);
            if (run.exitCode() != 0) {
                System.err.println("node e2e.mjs failed (exit " + run.exitCode() + "):\n" + text);
            }
            return run;
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    private record Run(int exitCode, String output) {

        /** The JSON step lines by step name, in order. */
        Map<String, JsonNode> steps() {
            Map<String, JsonNode> steps = new LinkedHashMap<>();
            this.output.lines().filter(line -> line.startsWith("{\"step\"")).map(JSON::readTree)
                .forEach(step -> steps.put(step.get("step").asString(), step));
            return steps;
        }
    }
}
