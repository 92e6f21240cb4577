package io.healthid.idp.cli;

import io.healthid.idp.keys.KeyEncryptionKey;
import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.SigningKeyRepository;
import io.healthid.idp.keys.SigningKeyService;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * {@code keys retire-compromised KID}: the compromise procedure of ADR 0002. The key stops signing and leaves the
 * JWKS at once, a replacement signs immediately; running nodes follow at their next key refresh. Exit codes: 0 done,
 * 1 failed (unknown kid, database unreachable), 2 usage.
 */
public final class KeysCommand {

    private final PrintStream out;
    private final PrintStream err;

    public KeysCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(CommandEnvironment command) {
        List<String> arguments = command.arguments();
        if (arguments.size() != 3 || !arguments.get(1).equals("retire-compromised")) {
            this.err.println("usage: keys retire-compromised KID   [--name=value options]");
            return 2;
        }
        String kid = arguments.get(2);
        Environment environment = command.environment();
        KeyProperties properties = Binder.get(environment).bindOrCreate("idp.keys", KeyProperties.class);
        try {
            SigningKeyService keys = new SigningKeyService(new SigningKeyRepository(
                    CommandEnvironment.connectionFactory(environment),
                    KeyEncryptionKey.configured(properties.encryptionKey(), environment)), properties, Clock.systemUTC());
            keys.retireCompromised(kid).block(Duration.ofSeconds(30));
        }
        catch (RuntimeException ex) {
            this.err.println("Key " + kid + " was not retired: " + ex.getMessage());
            return 1;
        }
        this.out.println("Signing key " + kid + " retired and unpublished; a replacement signs now. Running nodes "
                + "follow within idp.keys.refresh-interval (" + properties.refreshInterval().toSeconds() + " s).");
        return 0;
    }
}
