package io.healthid.idp;

import io.healthid.idp.cli.CommandEnvironment;
import io.healthid.idp.cli.DirectoryCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The identity provider. With a command as first argument ({@code directory ...}) the jar runs that tool against the
 * same configuration and stores instead of starting the server.
 */
@SpringBootApplication
public class IdpApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("directory")) {
            int status;
            try (CommandEnvironment command = CommandEnvironment.resolve(args)) {
                status = new DirectoryCommand(System.out, System.err).run(command);
            }
            System.exit(status);
        }
        SpringApplication.run(IdpApplication.class, args);
    }
}
