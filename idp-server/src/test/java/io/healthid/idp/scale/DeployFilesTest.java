package io.healthid.idp.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The files under {@code deploy/} as a cluster would read them: every Kubernetes manifest against the Kubernetes API
 * schemas, {@code compose.yaml} against the Compose specification, the Dockerfiles' rules
 * ({@code deploy/validate/validate.mjs}, with the npm packages {@code .ci/run} installs).
 */
class DeployFilesTest {

    private static final Path VALIDATE = Path.of("..", "deploy", "validate");

    @Test
    void deployFilesWhenValidatedAgainstTheirSchemasThenNoProblem() throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(VALIDATE.resolve("node_modules"));
        if (!installed) {
            System.err.println("*** NOTICE: deploy/validate/node_modules is missing (run `npm ci` there, as .ci/run "
                    + "does): the deploy/ schema check is SKIPPED ***");
        }
        Assumptions.assumeTrue(installed, "deploy/validate's npm packages are not installed");
        Process node = new ProcessBuilder("node", "validate.mjs").directory(VALIDATE.toFile()).redirectErrorStream(true)
            .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("validation finished").isTrue();
        assertThat(node.exitValue()).as(output).isZero();
    }
}
