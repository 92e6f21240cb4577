package io.healthid.idp.mtls.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.healthid.idp.keys.NativeSigners;
import io.healthid.idp.pki.Credential;
import io.healthid.idp.pki.IssuedOrganisationCertificate;
import io.healthid.idp.pki.TestPki;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The card listener's handshake signed with a key that only AWS-LC holds ({@link NativeSigners#handshakeKey}): the
 * JDK's providers refuse such a key, so a completed handshake, whose ServerKeyExchange signature the client checks
 * against the server's certificate, is one that AWS-LC signed. The test PKI's P-256 key and an operator's RSA-2048
 * certificate (IGC-Santé's server certificates are RSA), each with a JDK client on TLS 1.2.
 */
class CardTlsContextTest {

    static NativeSigners natives;
    static TestPki pki;

    @BeforeAll
    static void awsLc() {
        CardTlsContext.applyJvmWideSettings();
        natives = NativeSigners.detect();
        assumeTrue(natives.isNative(), "AWS-LC loads on Linux x86_64 and aarch64 only");
        pki = TestPki.builder().build();
    }

    @Test
    @Tag("RFC8422-5.4")
    void handshakeWhenServerKeyP256HeldByAwsLcThenClientVerifiesTheServerKeyExchange() throws Exception {
        IssuedOrganisationCertificate server = pki.issueServer(List.of("localhost"));

        assertThat(handshake(server)).startsWith("TLS_ECDHE_ECDSA_");
    }

    @Test
    @Tag("RFC5246-7.4.3")
    void handshakeWhenServerKeyRsaHeldByAwsLcThenClientVerifiesTheServerKeyExchange() throws Exception {
        Credential server = selfSignedRsaServer();

        assertThat(handshake(server)).startsWith("TLS_ECDHE_RSA_");
    }

    /** A full TLS 1.2 handshake with the card listener's context; the cipher suite agreed. */
    private static String handshake(Credential server) throws Exception {
        DisposableServer listener = HttpServer.create().host("127.0.0.1").port(0)
            .secure(spec -> spec.sslContext(CardTlsContext.build(natives.handshakeKey(server.privateKey()),
                    server.chain(), pki.cardIssuers())))
            .handle((request, response) -> response.sendString(Mono.just("ok")))
            .bindNow(Duration.ofSeconds(10));
        try {
            SSLContext client = SSLContext.getInstance("TLSv1.2");
            client.init(null, new TrustManager[] {new Pinned(server.certificate())}, null);
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.port())) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                return socket.getSession().getCipherSuite();
            }
        }
        finally {
            listener.disposeNow(Duration.ofSeconds(10));
        }
    }

    private static Credential selfSignedRsaServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=localhost,O=IDP TEST");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.TWO, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new IssuedOrganisationCertificate(List.of(certificate), keys.getPrivate());
    }

    /** Trusts the one certificate the server was given, nothing else. */
    private record Pinned(X509Certificate expected) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!chain[0].equals(this.expected)) {
                throw new CertificateException("Not the listener's certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("A client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
