package io.healthid.idp.pki;

import io.healthid.idp.mtls.listener.ServerIdentity;
import io.healthid.idp.x509.CrlSource;
import io.healthid.idp.x509.HttpCrlSource;
import io.healthid.idp.x509.TrustMaterial;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The embedded test PKI, only with the embedded stores (a production server never loads it): created in the data
 * directory on first start, then reused. Unless configured otherwise, the card authenticator trusts it and the card
 * listener presents a server certificate from it; its CRLs are served at the distribution points it names, and read
 * from memory when the server checks a certificate.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "idp.embedded.postgres", havingValue = "true")
public class EmbeddedPkiConfiguration {

    /** The URL path of the test PKI's CRLs: {@code /pki/crl/{ca}.crl}. */
    static final String CRL_ROUTE = "/pki/crl/{name}.crl";

    /** Loaded or created since the context was prepared ({@link EmbeddedPkiStart}). */
    @Bean
    EmbeddedPki embeddedPki(EmbeddedPkiStart.Started started) {
        return started.pki();
    }

    /** Configured roots (idp.card.trust-anchors) replace the test PKI. */
    @Bean
    @ConditionalOnExpression("'${idp.card.trust-anchors:}' == ''")
    TrustMaterial testPkiTrustMaterial(EmbeddedPki pki) {
        TestPki current = pki.current();
        return new TrustMaterial(current.trustAnchors(), current.cardIssuers(),
                List.of(current.certificate(CaName.ORGANISATIONS)));
    }

    /** A configured certificate (idp.card.tls-certificate) replaces the test PKI's. */
    @Bean
    @ConditionalOnExpression("'${idp.card.tls-certificate:}' == ''")
    ServerIdentity testPkiServerIdentity(EmbeddedPki pki, Environment environment) {
        String host = URI.create(environment.getProperty("idp.card.public-url", "https://localhost")).getHost();
        IssuedOrganisationCertificate server = pki.current().issueServer(List.of(host, "127.0.0.1"));
        return new ServerIdentity(server.chain(), server.privateKey());
    }

    /** Its own CRLs from memory, any other over HTTP. */
    @Bean
    CrlSource testPkiCrlSource(EmbeddedPki pki) {
        return new TestPkiCrlSource(pki, HttpCrlSource.standard());
    }

    @Bean
    RouterFunction<ServerResponse> testPkiRoutes(EmbeddedPki pki) {
        return RouterFunctions.route().GET(CRL_ROUTE, request -> {
            CaName ca;
            try {
                ca = CaName.valueOf(request.pathVariable("name").toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                return ServerResponse.notFound().build();
            }
            return ServerResponse.ok().contentType(MediaType.parseMediaType("application/pkix-crl"))
                .bodyValue(pki.crl(ca));
        }).build();
    }
}
