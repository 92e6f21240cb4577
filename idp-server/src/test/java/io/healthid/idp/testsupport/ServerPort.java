package io.healthid.idp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** One free port per test JVM: the issuer URL must be known before the server starts, so tests cannot use port 0. */
public final class ServerPort {

    public static final int PORT = pick();

    /** The card listener's HTTPS port. */
    public static final int CARD_PORT = pick();

    /** Where the test relying party publishes its own JWKS (private_key_jwt clients). */
    public static final int RP_JWKS_PORT = pick();

    /** The SMTP server (GreenMail) that receives e-CPS activation e-mails. */
    public static final int SMTP_PORT = pick();

    /** The SMS gateway (WireMock) that receives e-CPS activation texts. */
    public static final int SMS_PORT = pick();

    /** Where the CIBA ping-mode test client receives its notifications. */
    public static final int CIBA_PING_PORT = pick();

    private ServerPort() {
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
