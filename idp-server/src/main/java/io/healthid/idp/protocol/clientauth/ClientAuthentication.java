package io.healthid.idp.protocol.clientauth;

import io.healthid.idp.mtls.PresentedCertificate;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.x509.CertificateCheck;
import io.healthid.idp.x509.CertificateValidator;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The first step of every back-channel endpoint (token, introspection, revocation): read the form, then have SAS's
 * client authentication providers verify the client. For {@code tls_client_auth}, the certificate's chain is checked
 * first (SAS compares the subject DN and trusts the TLS layer for the rest; our card listener's TLS layer accepts any
 * certificate so that card errors get pages, so the chain check happens here).
 */
public final class ClientAuthentication {

    /** A back-channel request whose client is authenticated. */
    public record AuthenticatedRequest(RequestParameters parameters, Authentication client) {
    }

    private final ProtocolCore core;
    private final IdpProperties.Limits limits;
    private final PresentedCertificateConverter certificates;
    private final CertificateValidator organisationCertificates;

    /**
     * @param certificates reads a mutual-TLS client certificate; {@code null} when the card listener is off
     * @param organisationCertificates validates it against the ORGANISATIONS CAs; {@code null} likewise
     */
    public ClientAuthentication(ProtocolCore core, IdpProperties.Limits limits, PresentedCertificateConverter certificates,
            CertificateValidator organisationCertificates) {
        this.core = core;
        this.limits = limits;
        this.certificates = certificates;
        this.organisationCertificates = organisationCertificates;
    }

    public Mono<AuthenticatedRequest> authenticate(ServerRequest request) {
        List<X509Certificate> chain = mutualTlsChain(request);
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> {
                OAuth2ClientAuthenticationToken client = ClientAuthenticationConverter.convert(request.exchange(), parameters, chain);
                return verifyChain(client)
                    .then(this.core.authenticate(client))
                    .map(authenticated -> new AuthenticatedRequest(parameters, authenticated));
            });
    }

    private List<X509Certificate> mutualTlsChain(ServerRequest request) {
        if (this.certificates == null) {
            return List.of();
        }
        PresentedCertificate presented = this.certificates.convert(request.exchange());
        return presented instanceof PresentedCertificate.Chain chain ? chain.certificates() : List.of();
    }

    private Mono<Void> verifyChain(OAuth2ClientAuthenticationToken client) {
        if (!ClientAuthenticationMethod.TLS_CLIENT_AUTH.equals(client.getClientAuthenticationMethod())) {
            return Mono.empty();
        }
        List<X509Certificate> chain = Arrays.asList((X509Certificate[]) client.getCredentials());
        // may fetch a CRL: off the event loop
        return Mono.fromCallable(() -> this.organisationCertificates.check(chain))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(check -> check instanceof CertificateCheck.Refused refused
                    ? Mono.error(new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
                            "client certificate refused: " + refused.failure(), null)))
                    : Mono.empty());
    }
}
