package io.healthid.idp.mtls.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.ServerPort;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Every listener (main, card, management) drops a client that stops sending; the card listener speaks only ECDHE with AEAD. */
@IdpIntegrationTest
class ListenerHardeningTest {

    @Test
    void mainListenerWhenRequestStopsHalfwayThenConnectionClosedWithoutAnswer() throws Exception {
        assertHalfRequestDropped(ServerPort.PORT);
    }

    @Test
    void managementListenerWhenRequestStopsHalfwayThenConnectionClosedWithoutAnswer() throws Exception {
        assertHalfRequestDropped(ServerPort.MANAGEMENT_PORT);
    }

    private static void assertHalfRequestDropped(int port) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            // the test profile's timeouts are a few seconds; the socket waits at most 20 s for the server to give up
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /actuator/health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] rest = socket.getInputStream().readAllBytes();
            assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("200 OK");
        }
    }

    @Test
    void cardListenerWhenIdleAfterHandshakeThenClosed() throws Exception {
        try (SSLSocket socket = tls()) {
            socket.startHandshake();
            socket.setSoTimeout(20_000);
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        catch (SSLException closedMidRead) {
            // the JDK reports a close without close_notify as an SSLException: closed all the same
        }
    }

    @Test
    void cardListenerWhenClientOffersOnlyStaticRsaOrCbcThenHandshakeRefused() throws Exception {
        for (String suite : new String[] {"TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"}) {
            try (SSLSocket socket = tls()) {
                socket.setEnabledCipherSuites(new String[] {suite});
                assertThatThrownBy(socket::startHandshake).as(suite).isInstanceOf(SSLException.class);
            }
        }
        try (SSLSocket socket = tls()) {
            socket.startHandshake();
            assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "CHACHA20");
        }
    }

    private static SSLSocket tls() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", ServerPort.CARD_PORT);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        return socket;
    }
}
