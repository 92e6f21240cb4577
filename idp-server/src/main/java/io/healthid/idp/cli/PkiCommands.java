package io.healthid.idp.cli;

import io.healthid.idp.embedded.EmbeddedStoresEnvironmentPostProcessor;
import io.healthid.idp.pki.PkiCommand;
import io.healthid.idp.pki.TestPki;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.env.Environment;

/**
 * {@code pki issue-card ...} against the test PKI of the data directory: the one the embedded server created on its
 * first start and trusts, so an issued card logs in at once.
 */
public final class PkiCommands {

    private PkiCommands() {
    }

    /** The command needs no database: the embedded stores are not started. */
    public static CommandEnvironment environment(String[] args) {
        return CommandEnvironment.resolve(args, "--idp.embedded.enabled=false");
    }

    public static int run(CommandEnvironment command, PrintStream out, PrintStream err) {
        Environment environment = command.environment();
        Path directory = Path.of(environment.getProperty(EmbeddedStoresEnvironmentPostProcessor.DATA_DIR,
                EmbeddedStoresEnvironmentPostProcessor.DEFAULT_DATA_DIR)).resolve("pki");
        URI baseUrl = URI.create(environment.getRequiredProperty("idp.base-url"));
        List<String> arguments = command.arguments();
        return new PkiCommand(directory, TestPki.builder().baseUrl(baseUrl))
            .run(arguments.subList(1, arguments.size()).toArray(String[]::new), arguments.isEmpty() ? err : out);
    }
}
