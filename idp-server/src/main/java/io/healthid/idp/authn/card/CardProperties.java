package io.healthid.idp.authn.card;

import io.healthid.idp.mtls.ClientCertHeader;
import io.healthid.idp.x509.RevocationMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The CPS card authenticator ({@code idp.card.*}).
 *
 * @param enabled offer the card on the login page
 * @param port the card listener's HTTPS port; {@code -1} for none (certificates arrive from a front proxy only)
 * @param host the card listener's bind address
 * @param publicUrl where browsers reach the card listener (or the proxy's card host); {@code https://localhost:<port>}
 *        unless set
 * @param trustedProxies addresses (IPs or CIDR ranges) whose {@code Client-Cert} header is believed
 * @param proxyHeaderFormat {@code RFC_9440} or {@code NGINX_ESCAPED_PEM}
 * @param revocation {@code FAIL_CLOSED} (default), {@code FAIL_OPEN} or {@code OFF}
 * @param crlCacheLifetime how long a fetched CRL is used before it is fetched again (at most until its nextUpdate)
 * @param trustAnchors PEM file of the IGC-Santé roots (production; the embedded test PKI otherwise)
 * @param cardIssuers PEM file of the CAs that issue login cards (the PERSONNES CAs)
 * @param organisationIssuers PEM file of the CAs that issue relying parties' certificates ({@code tls_client_auth})
 * @param tlsCertificate PEM chain of the card listener's server certificate (production)
 * @param tlsPrivateKey PEM PKCS#8 key of that certificate
 */
@ConfigurationProperties("idp.card")
public record CardProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8443") int port,
        @DefaultValue("0.0.0.0") String host,
        String publicUrl,
        List<String> trustedProxies,
        @DefaultValue("RFC_9440") ClientCertHeader.Format proxyHeaderFormat,
        @DefaultValue("FAIL_CLOSED") RevocationMode revocation,
        @DefaultValue("1h") Duration crlCacheLifetime,
        Path trustAnchors,
        Path cardIssuers,
        Path organisationIssuers,
        Path tlsCertificate,
        Path tlsPrivateKey) {

    public CardProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        if (publicUrl == null) {
            publicUrl = "https://localhost:" + port;
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
