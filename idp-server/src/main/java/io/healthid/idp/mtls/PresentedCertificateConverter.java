package io.healthid.idp.mtls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the card certificate a request carries: from the TLS handshake on the card listener, or from the RFC 9440
 * {@code Client-Cert} header (nginx's escaped PEM as an option) when, and only when, the request comes from a
 * configured proxy address. A malformed header from a trusted proxy counts as no certificate.
 */
public final class PresentedCertificateConverter {

    public static final String CLIENT_CERT = "Client-Cert";
    public static final String CLIENT_CERT_CHAIN = "Client-Cert-Chain";

    private final TrustedProxies proxies;
    private final ClientCertHeader header;

    public PresentedCertificateConverter(TrustedProxies proxies, ClientCertHeader.Format format) {
        this.proxies = proxies;
        this.header = new ClientCertHeader(format);
    }

    public PresentedCertificate convert(ServerWebExchange exchange) {
        SslInfo ssl = exchange.getRequest().getSslInfo();
        if (ssl != null && ssl.getPeerCertificates() != null && ssl.getPeerCertificates().length > 0) {
            return new PresentedCertificate.Chain(x509(ssl.getPeerCertificates()), "tls");
        }
        String forwarded = exchange.getRequest().getHeaders().getFirst(CLIENT_CERT);
        if (forwarded == null) {
            return new PresentedCertificate.None();
        }
        if (!this.proxies.isTrusted(exchange.getRequest().getRemoteAddress())) {
            var remote = exchange.getRequest().getRemoteAddress();
            return new PresentedCertificate.UntrustedHeader(remote == null ? "unknown" : remote.getAddress().getHostAddress());
        }
        try {
            X509Certificate card = this.header.parse(forwarded);
            String chain = exchange.getRequest().getHeaders().getFirst(CLIENT_CERT_CHAIN);
            List<X509Certificate> certificates = new ArrayList<>(List.of(card));
            if (chain != null) {
                certificates.addAll(ClientCertHeader.parseChain(chain));
            }
            return new PresentedCertificate.Chain(certificates, "proxy");
        }
        catch (MalformedClientCertHeaderException ex) {
            return new PresentedCertificate.None();
        }
    }

    private static List<X509Certificate> x509(Certificate[] certificates) {
        return Arrays.stream(certificates).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
    }
}
