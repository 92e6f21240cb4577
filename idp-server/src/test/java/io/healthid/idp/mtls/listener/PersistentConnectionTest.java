package io.healthid.idp.mtls.listener;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive connection keeps answering. A request that arrives while the previous one is still being finished is
 * queued by the server; when the queued one was answered at once (no database or Redis call), Reactor Netty up to
 * 1.3.7 stopped reading the connection, and the browser's next request on it (a page's stylesheet) waited forever: the
 * page never rendered (seen in the e-CPS browser test, after the redirect that ends a login).
 */
@IdpIntegrationTest
@Tag("RFC9112-9.3")
class PersistentConnectionTest {

    private static final String DISCOVERY = RelyingParty.REALM + "/.well-known/openid-configuration";

    @Test
    void keepAliveWhenQueuedRequestAnsweredAtOnceThenNextRequestAnswered() throws Exception {
        // the client is looked up in the database: its answer comes later, the discovery request behind it is queued
        String slow = RelyingParty.authorizationRequest(RelyingParty.DEMO_CLIENT, "https://elsewhere.example/callback")
            .build().encode().toUriString();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", ServerPort.PORT), 2000);
            // a deaf connection would wait forever: 20 s is far beyond any answer here
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write((get(slow) + get(DISCOVERY)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(in)).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(statusLine(in)).isEqualTo("HTTP/1.1 200 OK");

            out.write(get(DISCOVERY).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusLine(in)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    /** Reads one answer (its body sized by Content-Length) and returns its status line. */
    private static String statusLine(InputStream in) throws IOException {
        String[] head = readHead(in).split("\r\n");
        int length = 0;
        for (String header : head) {
            String lower = header.toLowerCase(Locale.ROOT);
            assertThat(lower).doesNotStartWith("transfer-encoding:");
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            }
        }
        assertThat(in.readNBytes(length)).hasSize(length);
        return head[0];
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int next = in.read();
            assertThat(next).as("the connection closed before an answer").isNotEqualTo(-1);
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == end[0] ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - end.length);
    }
}
