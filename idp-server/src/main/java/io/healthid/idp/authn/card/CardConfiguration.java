package io.healthid.idp.authn.card;

import io.healthid.idp.authn.LoginCompletion;
import io.healthid.idp.authn.card.listener.CardListener;
import io.healthid.idp.authn.card.listener.CardTlsContext;
import io.healthid.idp.config.IdpProperties;
import io.healthid.idp.config.Issuer;
import io.healthid.idp.pki.CaName;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedOrganisationCertificate;
import io.healthid.idp.pki.TestPki;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Schedulers;

/**
 * The CPS card authenticator: its trust material (the configured IGC-Santé roots, or the embedded test PKI created on
 * first start and trusted), its validator, its login endpoint, and the card listener.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CardProperties.class)
@ConditionalOnProperty(name = "idp.card.enabled", matchIfMissing = true)
public class CardConfiguration {

    static {
        // before any TLS class reads it: JDK 17 offers no per-listener setting (architecture decision 5)
        CardTlsContext.applySignatureSchemes();
    }

    /** The test PKI, only with the embedded stores: created in the data directory on first start, then reused. */
    @Bean
    @ConditionalOnProperty(name = "idp.embedded.postgres", havingValue = "true")
    EmbeddedPki embeddedPki(Environment environment, IdpProperties properties) {
        return EmbeddedPki.loadOrCreate(Path.of(environment.getRequiredProperty("idp.embedded.data-dir")).resolve("pki"),
                TestPki.builder().baseUrl(URI.create(properties.baseUrl())));
    }

    @Bean
    CardTrust cardTrust(CardProperties properties, ObjectProvider<EmbeddedPki> testPki) {
        EmbeddedPki pki = testPki.getIfAvailable();
        return CardTrust.of(properties, pki == null ? null : pki.current());
    }

    @Bean
    CardCertificateValidator cardCertificateValidator(CardTrust trust, CardProperties properties, Clock clock) {
        return validator(trust, trust.cardIssuers(), properties, clock);
    }

    /**
     * Relying parties' organisation certificates for {@code tls_client_auth} (RFC 8705): same roots and revocation
     * rules as cards, issued by the ORGANISATIONS CAs.
     */
    @Bean
    CardCertificateValidator organisationCertificateValidator(CardTrust trust, CardProperties properties, Clock clock) {
        return validator(trust, trust.organisationIssuers(), properties, clock);
    }

    private static CardCertificateValidator validator(CardTrust trust, List<X509Certificate> issuers,
            CardProperties properties, Clock clock) {
        return new CardCertificateValidator(CardValidationSettings.builder()
            .trustAnchors(trust.trustAnchors())
            .cardIssuers(issuers)
            .revocationMode(properties.revocation())
            .crlCacheLifetime(properties.crlCacheLifetime())
            .clock(clock)
            .build(), new HttpCrlSource(Duration.ofSeconds(5)));
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
    RouterFunction<ServerResponse> cardRoutes(PresentedCertificateConverter certificates,
            @Qualifier("cardCertificateValidator") CardCertificateValidator validator,
            LoginCompletion completion, Issuer issuer, ObjectProvider<EmbeddedPki> testPki) {
        CardLoginEndpoint login = new CardLoginEndpoint(certificates, validator, completion,
                Schedulers.boundedElastic(), issuer.url(Issuer.LOGIN));
        RouterFunctions.Builder routes = RouterFunctions.route()
            .GET(issuer.route(CardAuthenticator.LOGIN_PATH), login::login);
        EmbeddedPki pki = testPki.getIfAvailable();
        if (pki != null) {
            // the test PKI's CRL distribution points name this server
            routes.GET("/pki/crl/{name}.crl", request -> {
                CaName ca;
                try {
                    ca = CaName.valueOf(request.pathVariable("name").toUpperCase(Locale.ROOT));
                }
                catch (IllegalArgumentException ex) {
                    return ServerResponse.notFound().build();
                }
                return ServerResponse.ok().contentType(MediaType.parseMediaType("application/pkix-crl"))
                    .bodyValue(pki.current().crl(ca));
            });
        }
        return routes.build();
    }

    @Bean
    @ConditionalOnExpression("${idp.card.port:8443} >= 0")
    CardListener cardListener(ApplicationContext context, CardProperties properties, CardTrust trust,
            ObjectProvider<EmbeddedPki> testPki) {
        List<X509Certificate> chain;
        PrivateKey key;
        TestPki pki = testPki.getIfAvailable() == null ? null : testPki.getIfAvailable().current();
        if (properties.tlsCertificate() != null) {
            chain = PemFiles.certificates(properties.tlsCertificate());
            key = PemFiles.privateKey(properties.tlsPrivateKey());
        }
        else if (pki != null) {
            IssuedOrganisationCertificate server = pki.issueServer(List.of(URI.create(properties.publicUrl()).getHost(), "127.0.0.1"));
            chain = server.chain();
            key = server.privateKey();
        }
        else {
            throw new IllegalStateException("idp.card.tls-certificate and idp.card.tls-private-key are required for the "
                    + "card listener (or set idp.card.port=-1 when a front proxy forwards card certificates)");
        }
        return new CardListener(context, properties.host(), properties.port(),
                CardTlsContext.build(key, chain, trust.cardIssuers()));
    }
}
