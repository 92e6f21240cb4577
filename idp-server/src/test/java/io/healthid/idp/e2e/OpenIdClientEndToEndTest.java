package io.healthid.idp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole code flow driven by the OpenID-certified JavaScript relying-party library {@code openid-client}
 * ({@code src/test/node/e2e.mjs}, run with the machine's Node.js) against the running server and the test
 * authenticator. The library checks the protocol strictly (discovery issuer, RFC 9207 {@code iss}, state, PKCE, ID
 * token signature and claims, userinfo subject); this test checks that every step passed and the values it reports.
 * CIBA likewise ({@code src/test/node/ciba.mjs}), with the test phone answering the pushes.
 * Without Node.js, or without {@code npm ci} having been run in {@code src/test/node}, the test is skipped with a
 * notice.
 */
@IdpIntegrationTest
class OpenIdClientEndToEndTest {

    private static final Path NODE_PROJECT = Path.of("src", "test", "node").toAbsolutePath();
    private static final String NATIONAL_ID = "819990000010";
    private static final long TIMEOUT_SECONDS = 60;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Pushed to twice here: a person few other tests push to, so the per-person push limit stays out of the way. */
    private static final String CIBA_NATIONAL_ID = "819990000036";

    @Autowired
    private ActivationStore activations;

    @Test
    @DisplayName("openid-client (certified RP library) drives discovery, code flow with PKCE, userinfo, refresh, introspection, revocation and logout")
    void codeFlowWhenDrivenByOpenidClientThenEveryStepVerifies() throws Exception {
        // In the test rather than in @BeforeAll: Surefire then counts it as skipped, where it shows.
        Path node = nodeOrSkip();
        String issuer = new RelyingParty(ServerPort.PORT).issuer();

        Run run = runNode(node, "e2e.mjs", Map.of("ISSUER", issuer, "CLIENT_ID", RelyingParty.DEMO_CLIENT, "CLIENT_SECRET",
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

    @Test
    @Tag("CIBA-7")
    @Tag("CIBA-11")
    @DisplayName("openid-client (certified RP library) drives CIBA in poll mode: approved, single use, refreshed, denied")
    void cibaWhenDrivenByOpenidClientThenApprovalGivesTokensAndDenialAccessDenied() throws Exception {
        Path node = nodeOrSkip();
        String issuer = new RelyingParty(ServerPort.PORT).issuer();
        Path signals = Files.createTempDirectory("ciba-e2e");
        Path approved = signals.resolve("approved");
        Path denied = signals.resolve("denied");
        try (TestDevice phone = EcpsEnrolment.enrol(this.activations, issuer, CIBA_NATIONAL_ID)) {
            // the phone answers each push as it comes, then tells the script it may poll
            CompletableFuture<List<JsonNode>> answers = CompletableFuture.supplyAsync(() -> List.of(
                    answer(phone, true, approved), answer(phone, false, denied)));
            Run run = runNode(node, "ciba.mjs", Map.of("ISSUER", issuer, "CLIENT_ID", RelyingParty.DEMO_CLIENT,
                    "CLIENT_SECRET", RelyingParty.DEMO_SECRET, "NATIONAL_ID", CIBA_NATIONAL_ID,
                    "BINDING_MESSAGE", "Ordonnance 2025", "APPROVED_FILE", approved.toString(),
                    "DENIED_FILE", denied.toString()));
            Map<String, JsonNode> steps = run.steps();

            assertThat(run.exitCode()).as("node ciba.mjs exit code; its output:%n%s", run.output()).isZero();
            assertThat(steps).as("steps reported; node's output:%n%s", run.output()).containsKeys("discovery",
                    "backchannel-request", "phone-approves", "ciba-grant", "auth-req-id-reuse", "refresh",
                    "backchannel-request-denied", "phone-denies", "ciba-denied", "done");
            assertThat(answers.get(30, TimeUnit.SECONDS)).allSatisfy(challenge ->
                    assertThat(challenge.path("bindingMessage").asString()).isEqualTo("Ordonnance 2025"));
            assertThat(steps.get("discovery").get("backchannel_token_delivery_modes_supported").toString()).contains("poll");
            JsonNode grant = steps.get("ciba-grant");
            assertThat(grant.get("iss").asString()).isEqualTo(issuer);
            assertThat(grant.get("sub").asString()).matches("f:[0-9a-f-]{36}:" + CIBA_NATIONAL_ID)
                .isEqualTo(grant.get("userinfoSub").asString());
            assertThat(grant.get("SubjectNameID").asString()).isEqualTo(CIBA_NATIONAL_ID);
            assertThat(grant.get("authMode").asString()).isEqualTo("MOBILE");
            assertThat(grant.get("amr").toString()).contains("mfa");
            assertThat(grant.get("refreshToken").asBoolean()).isTrue();
            assertThat(steps.get("refresh").get("sub").asString()).isEqualTo(grant.get("sub").asString());
            assertThat(steps.get("auth-req-id-reuse").get("reason").asString()).contains("invalid_grant");
            assertThat(steps.get("ciba-denied").get("reason").asString()).contains("access_denied");
        }
        finally {
            Files.deleteIfExists(approved);
            Files.deleteIfExists(denied);
            Files.deleteIfExists(signals);
        }
    }

    /** The phone's answer to its next push (the challenge it was shown), then the signal file for the script. */
    private static JsonNode answer(TestDevice phone, boolean approve, Path signal) {
        String challengeId = phone.nextPush();
        JsonNode challenge = TestDevice.json(phone.challenge(challengeId));
        int status = (approve ? phone.approve(challengeId, null) : phone.deny(challengeId)).getStatus().value();
        assertThat(status).isEqualTo(200);
        try {
            Files.createFile(signal);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return challenge;
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

    private static Run runNode(Path node, String script, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("openid-client-e2e", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(node.toString(), script).directory(NODE_PROJECT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                String text = Files.readString(output, StandardCharsets.UTF_8);
                System.err.println(text);
                throw new AssertionError(
                        "node " + script + " did not finish within " + TIMEOUT_SECONDS + " s; its output:\n" + text);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Run run = new Run(process.exitValue(), text);
            if (run.exitCode() != 0) {
                System.err.println("node " + script + " failed (exit " + run.exitCode() + "):\n" + text);
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
