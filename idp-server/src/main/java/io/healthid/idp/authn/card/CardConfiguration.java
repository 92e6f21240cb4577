package io.healthid.idp.authn.card;

import io.healthid.idp.keys.NativeSigners;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.mtls.TrustedProxies;
import io.healthid.idp.mtls.listener.CardListener;
import io.healthid.idp.mtls.listener.CardTlsContext;
import io.healthid.idp.mtls.listener.ListenerLimits;
import io.healthid.idp.mtls.listener.ServerIdentity;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.x509.CertificateValidator;
import io.healthid.idp.x509.CrlSource;
import io.healthid.idp.x509.CrlStatusBoard;
import io.healthid.idp.x509.HttpCrlSource;
import io.healthid.idp.x509.ObservedCrlSource;
import io.healthid.idp.x509.PemFiles;
import io.healthid.idp.x509.TrustMaterial;
import io.healthid.idp.x509.ValidationSettings;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CPS card authenticator: its trust material (the configured IGC-Santé roots; the embedded test PKI supplies its
 * own when it is on), its validators, and the card listener. Its login route is the login package's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardProperties.class)
@ConditionalOnProperty(name = "idp.card.enabled", matchIfMissing = true)
public class CardConfiguration {

    static {
        // before any TLS class reads it: JDK 17 offers no per-listener setting (architecture decision 5)
        CardTlsContext.applyJvmWideSettings();
    }

    @Bean
    @ConditionalOnProperty("idp.card.trust-anchors")
    TrustMaterial configuredTrustMaterial(CardProperties properties) {
        if (properties.cardIssuers() == null) {
            throw new IllegalStateException("idp.card.card-issuers is required with idp.card.trust-anchors");
        }
        return TrustMaterial.fromPem(properties.trustAnchors(), properties.cardIssuers(), properties.organisationIssuers());
    }

    @Bean
    @ConditionalOnProperty("idp.card.tls-certificate")
    ServerIdentity configuredServerIdentity(CardProperties properties) {
        return new ServerIdentity(PemFiles.certificates(properties.tlsCertificate()),
                PemFiles.privateKey(properties.tlsPrivateKey()));
    }

    @Bean
    CardCertificateValidator cardCertificateValidator(ObjectProvider<TrustMaterial> trust, ObjectProvider<CrlSource> crls,
            CardProperties properties, Clock clock, CrlStatusBoard crlStatus) {
        return new CardCertificateValidator(validator(trustOf(trust).cardIssuers(), trustOf(trust), crls, properties, clock,
                crlStatus));
    }

    /** Each trusted CA's last CRL, for the metrics and the operators' console. */
    @Bean
    CrlStatusBoard crlStatusBoard(Clock clock, ObjectProvider<TrustMaterial> trust) {
        return new CrlStatusBoard(clock, trust.getIfAvailable());
    }

    /**
     * Relying parties' organisation certificates for {@code tls_client_auth} (RFC 8705): same roots and revocation
     * rules as cards, issued by the ORGANISATIONS CAs.
     */
    @Bean
    CertificateValidator organisationCertificateValidator(ObjectProvider<TrustMaterial> trust,
            ObjectProvider<CrlSource> crls, CardProperties properties, Clock clock, CrlStatusBoard crlStatus) {
        return validator(trustOf(trust).organisationIssuers(), trustOf(trust), crls, properties, clock, crlStatus);
    }

    private static TrustMaterial trustOf(ObjectProvider<TrustMaterial> trust) {
        TrustMaterial material = trust.getIfAvailable();
        if (material == null) {
            throw new IllegalStateException("The card authenticator needs idp.card.trust-anchors and idp.card.card-issuers "
                    + "(PEM files of the IGC-Santé roots and PERSONNES CAs), or idp.card.enabled=false");
        }
        return material;
    }

    /** CRLs over HTTP from the distribution points, unless a source is configured (the embedded test PKI's). */
    private static CertificateValidator validator(List<X509Certificate> issuers, TrustMaterial trust,
            ObjectProvider<CrlSource> crls, CardProperties properties, Clock clock, CrlStatusBoard crlStatus) {
        return new CertificateValidator(ValidationSettings.builder()
            .trustAnchors(trust.trustAnchors())
            .issuers(issuers)
            .revocationMode(properties.revocation())
            .crlCacheLifetime(properties.crlCacheLifetime())
            .clock(clock)
            .build(), new ObservedCrlSource(crls.getIfAvailable(HttpCrlSource::standard), crlStatus));
    }

    @Bean
    PresentedCertificateConverter presentedCertificateConverter(CardProperties properties) {
        return new PresentedCertificateConverter(new TrustedProxies(properties.trustedProxies()), properties.proxyHeaderFormat());
    }

    @Bean
    CardAuthenticator cardAuthenticator(PresentedCertificateConverter certificates, CardProperties properties, Issuer issuer) {
        return new CardAuthenticator(certificates, properties.publicUrl() + issuer.path() + CardAuthenticator.LOGIN_PATH);
    }

    @Bean
    @ConditionalOnExpression("${idp.card.port:8443} >= 0")
    CardListener cardListener(ApplicationContext context, CardProperties properties, ObjectProvider<TrustMaterial> trust,
            ObjectProvider<ServerIdentity> identity, ListenerLimits limits, NativeSigners natives) {
        ServerIdentity server = identity.getIfAvailable();
        if (server == null) {
            throw new IllegalStateException("idp.card.tls-certificate and idp.card.tls-private-key are required for the "
                    + "card listener (or set idp.card.port=-1 when a front proxy forwards card certificates)");
        }
        return new CardListener(context, properties.host(), properties.port(),
                CardTlsContext.build(natives.handshakeKey(server.privateKey()), server.chain(), trustOf(trust).cardIssuers()),
                limits);
    }
}
