package io.healthid.idp.mtls.listener;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import reactor.netty.Connection;

/**
 * TLS for the card listener (architecture decision 5): TLS 1.2 only, the JDK's TLS stack, client certificate requested
 * but not required. Cards that cannot sign RSA-PSS need TLS 1.2 with {@code rsa_pkcs1_*} in the CertificateRequest;
 * on JDK 17 only the JVM-wide {@code jdk.tls.server.SignatureSchemes} sets that list ({@link #SIGNATURE_SCHEMES},
 * applied by {@code IdpApplication} before any TLS class loads).
 * <p>
 * A card login proves that the card is in the reader now, so the listener never resumes a TLS session: a resumed
 * handshake carries the certificate of the session's first handshake without the card signing anything, and would let
 * whoever holds the browser's session cache or ticket (24 hours by the JDK's defaults) log in as the card's holder after
 * the card is gone. No session tickets ({@link #applyJvmWideSettings}), and each session is invalidated once its
 * handshake is done ({@link #forgetSessionOnceEstablished}).
 */
public final class CardTlsContext {

    /** What the CertificateRequest offers: PKCS#1 v1.5 and ECDSA, no RSA-PSS (Firefox assume_rsa_pss_support). */
    public static final String SIGNATURE_SCHEMES = "rsa_pkcs1_sha256,rsa_pkcs1_sha384,rsa_pkcs1_sha512,"
            + "ecdsa_secp256r1_sha256,ecdsa_secp384r1_sha384";

    public static final String SIGNATURE_SCHEMES_PROPERTY = "jdk.tls.server.SignatureSchemes";

    /** Read by every server session context the JDK makes: the only switch for stateless (ticket) resumption. */
    static final String SESSION_TICKETS_PROPERTY = "jdk.tls.server.enableSessionTicketExtension";

    private static final String PROTOCOL = "TLSv1.2";

    /** Forward secrecy and AEAD only: no static RSA key exchange, no CBC, no SHA-1 MAC (BSI TR-02102-2, ANSSI). */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private CardTlsContext() {
    }

    /**
     * Sets the JVM-wide server signature schemes unless the operator already chose them, and turns server session
     * tickets off whatever was chosen (the JVM's other server contexts keep their session-ID cache).
     */
    public static void applyJvmWideSettings() {
        if (System.getProperty(SIGNATURE_SCHEMES_PROPERTY) == null) {
            System.setProperty(SIGNATURE_SCHEMES_PROPERTY, SIGNATURE_SCHEMES);
        }
        System.setProperty(SESSION_TICKETS_PROPERTY, "false");
    }

    /** Takes a connection's TLS session out of the cache once its handshake is done: the next one is a full one. */
    static void forgetSessionOnceEstablished(Connection connection) {
        SslHandler tls = connection.channel().pipeline().get(SslHandler.class);
        if (tls != null) {
            tls.handshakeFuture().addListener(done -> tls.engine().getSession().invalidate());
        }
    }

    /**
     * The JDK's own {@link SSLContext}, handed to Netty as it is: Netty's {@code SslContextBuilder.forServer} with the
     * JDK provider first runs a self-test of {@code JdkSslServerContext} (a PEM key parsed, a key store and a context
     * built), seconds of a cold JVM's CPU at every start.
     *
     * @param serverKey the key the handshakes are signed with: a key that AWS-LC holds is signed with there
     *        ({@code keys.NativeSigners#handshakeKey}), which a key store could not hold
     */
    public static SslContext build(PrivateKey serverKey, List<X509Certificate> serverChain, List<X509Certificate> cardIssuers) {
        try {
            SSLContext tls = SSLContext.getInstance(PROTOCOL);
            tls.init(new KeyManager[] {new ServerKeyManager(serverKey, serverChain)},
                    new TrustManager[] {new LenientClientTrust(cardIssuers)}, null);
            return new JdkSslContext(tls, false, CIPHER_SUITES, IdentityCipherSuiteFilter.INSTANCE, null,
                    ClientAuth.OPTIONAL, new String[] {PROTOCOL}, false);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The card listener's TLS context cannot be built", ex);
        }
    }
}
