package io.healthid.idp;

import io.healthid.idp.cli.CommandEnvironment;
import io.healthid.idp.cli.DirectoryCommand;
import io.healthid.idp.cli.KeysCommand;
import io.healthid.idp.cli.PkiCommands;
import io.healthid.idp.mtls.listener.CardTlsContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The identity provider. With a command as first argument ({@code directory ...}, {@code pki ...},
 * {@code keys ...}) the jar runs that tool against the
 * same configuration and stores instead of starting the server.
 */
@SpringBootApplication
public class IdpApplication {

    public static void main(String[] args) {
        CardTlsContext.applyJvmWideSettings();
        if (args.length > 0 && args[0].equals("pki")) {
            int status;
            try (CommandEnvironment command = PkiCommands.environment(args)) {
                status = PkiCommands.run(command, System.out, System.err);
            }
            System.exit(status);
        }
        if (args.length > 0 && args[0].equals("directory")) {
            int status;
            try (CommandEnvironment command = CommandEnvironment.resolve(args)) {
                status = new DirectoryCommand(System.out, System.err).run(command);
            }
            System.exit(status);
        }
        if (args.length > 0 && args[0].equals("keys")) {
            int status;
            try (CommandEnvironment command = CommandEnvironment.resolve(args)) {
                status = new KeysCommand(System.out, System.err).run(command);
            }
            System.exit(status);
        }
        SpringApplication.run(IdpApplication.class, args);
    }
}
