package io.healthid.idp.mtls.listener;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any client certificate at the handshake and names the card CAs in the CertificateRequest. A browser then
 * offers the card's certificate first, and every certificate problem (expired, revoked, unknown issuer) reaches the
 * application, which validates it properly and shows the person a page with a reason code, instead of the browser's
 * unexplained TLS error.
 */
final class LenientClientTrust implements X509TrustManager {

    private final X509Certificate[] acceptedIssuers;

    LenientClientTrust(List<X509Certificate> cardIssuers) {
        this.acceptedIssuers = cardIssuers.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // validated by CardCertificateValidator after the handshake, with a reason code for each failure
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("The card listener is a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return this.acceptedIssuers.clone();
    }
}
