package io.healthid.idp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** One free port per test JVM: the issuer URL must be known before the server starts, so tests cannot use port 0. */
public final class ServerPort {

    public static final int PORT = pick();

    /** The card listener's HTTPS port. */
    public static final int CARD_PORT = pick();

    /** Actuator's own listener (health, metrics). */
    public static final int MANAGEMENT_PORT = pick();

    /** Where the test relying party publishes its own JWKS (private_key_jwt clients). */
    public static final int RP_JWKS_PORT = pick();

    /** Where the test relying party receives back-channel logout tokens. */
    public static final int RP_BACKCHANNEL_PORT = pick();
    /** The SMTP server (GreenMail) that receives e-CPS activation e-mails. */
    public static final int SMTP_PORT = pick();

    /** The SMS gateway (WireMock) that receives e-CPS activation texts. */
    public static final int SMS_PORT = pick();

    /** Where the CIBA ping-mode test client receives its notifications. */
    public static final int CIBA_PING_PORT = pick();

    private ServerPort() {
    }

    /** A client of the management listener. */
    public static WebTestClient management() {
        return WebTestClient.bindToServer(TestConnections.connector()).baseUrl("http://127.0.0.1:" + MANAGEMENT_PORT)
            .responseTimeout(Duration.ofSeconds(30))
            // a Prometheus scrape with every histogram is larger than the default 256 KiB
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
            .build();
    }

    private static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
