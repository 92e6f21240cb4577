package io.healthid.idp.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules of {@code deploy/prometheus} as Prometheus reads them: {@code promtool check rules} and
 * {@code promtool test rules} (each alert fires on its input series, and only there). Needs Debian's
 * {@code prometheus} package, which {@code .ci/run} installs; skipped with a notice without it.
 */
class AlertRulesTest {

    private static final Path PROMETHEUS = Path.of("..", "deploy", "prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @BeforeAll
    static void needsPromtool() {
        if (!Files.isExecutable(PROMTOOL)) {
            System.err.println("*** NOTICE: promtool not found (Debian package prometheus): alert rule tests SKIPPED ***");
        }
        Assumptions.assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed");
    }

    @Test
    void rulesWhenCheckedThenEveryRuleValidAndCarriesARunbook() throws Exception {
        assertThat(promtool("check", "rules", "idp-alerts.yml")).contains("SUCCESS: 9 rules found");
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
        String rules = Files.readString(PROMETHEUS.resolve("idp-alerts.yml"));
        assertThat(rules.split("- alert: ", -1).length - 1).isEqualTo(9);
        assertThat(rules.split("runbook: ", -1).length - 1).isEqualTo(9);
    }

    @Test
    void rulesWhenUnitTestedThenEachAlertFiresOnItsSeriesOnly() throws Exception {
        assertThat(promtool("test", "rules", "idp-alerts-test.yml")).contains("SUCCESS");
    }

    private static String promtool(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = PROMTOOL.toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
