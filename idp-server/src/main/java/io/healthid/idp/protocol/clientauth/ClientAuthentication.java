package io.healthid.idp.protocol.clientauth;

import io.healthid.idp.authorization.UsedClientAssertions;
import io.healthid.idp.mtls.PresentedCertificate;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.protocol.ProtocolCore;
import io.healthid.idp.protocol.RequestParameters;
import io.healthid.idp.settings.IdpProperties;
import io.healthid.idp.x509.CertificateCheck;
import io.healthid.idp.x509.CertificateValidator;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
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

    private static final String FAILED = "client authentication failed";

    private final ProtocolCore core;
    private final IdpProperties.Limits limits;
    private final ClientAssertionRules assertionRules;
    private final UsedClientAssertions usedAssertions;
    private final PresentedCertificateConverter certificates;
    private final CertificateValidator organisationCertificates;
    private final FailedSecretLimiter failedSecrets;

    /**
     * @param certificates reads a mutual-TLS client certificate; {@code null} when the card listener is off
     * @param organisationCertificates validates it against the ORGANISATIONS CAs; {@code null} likewise
     * @param failedSecrets limits the client secrets that pay the slow hash (ADR 0010)
     */
    public ClientAuthentication(ProtocolCore core, IdpProperties.Limits limits, PresentedCertificateConverter certificates,
            CertificateValidator organisationCertificates, UsedClientAssertions usedAssertions,
            FailedSecretLimiter failedSecrets, Clock clock) {
        this.core = core;
        this.limits = limits;
        this.assertionRules = new ClientAssertionRules(clock);
        this.usedAssertions = usedAssertions;
        this.certificates = certificates;
        this.organisationCertificates = organisationCertificates;
        this.failedSecrets = failedSecrets;
    }

    public Mono<AuthenticatedRequest> authenticate(ServerRequest request) {
        List<X509Certificate> chain = mutualTlsChain(request);
        return RequestParameters.fromForm(request.exchange(), this.limits.maxParameters(), this.limits.maxParameterLength())
            .flatMap(parameters -> {
                OAuth2ClientAuthenticationToken client = ClientAuthenticationConverter.convert(request.exchange(), parameters, chain);
                return verifyChain(client)
                    .then(this.failedSecrets.verify(client, request.exchange().getRequest().getRemoteAddress(),
                            () -> uniformFailure(this.core.authenticate(client)),
                            () -> uniformFailure(this.core.authenticateInPlace(client))))
                    .flatMap(authenticated -> singleUseAssertion(client, request).thenReturn(authenticated))
                    .map(authenticated -> new AuthenticatedRequest(parameters, authenticated));
            });
    }

    /** {@code invalid_client} with the one description every client authentication failure shares. */
    static OAuth2AuthenticationException failed() {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, FAILED, null));
    }

    /** One message whatever SAS found: unknown client id and wrong secret must look alike. */
    private static Mono<Authentication> uniformFailure(Mono<Authentication> verification) {
        return verification.onErrorMap(OAuth2AuthenticationException.class, ClientAuthentication::uniform);
    }

    private static Throwable uniform(OAuth2AuthenticationException ex) {
        return OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode()) ? failed() : ex;
    }

    /** After SAS verified the assertion's signature: OIDC Core 9's rules, then its {@code jti} used once. */
    private Mono<Void> singleUseAssertion(OAuth2ClientAuthenticationToken client, ServerRequest request) {
        if (!ClientAuthenticationConverter.JWT_ASSERTION.equals(client.getClientAuthenticationMethod())) {
            return Mono.empty();
        }
        String issuer = this.core.issuer();
        String endpoint = issuer + request.path().substring(Math.min(request.path().length(),
                URI.create(issuer).getPath().length()));
        ClientAssertionRules.Checked checked = this.assertionRules.check((String) client.getCredentials(),
                List.of(issuer, endpoint));
        return this.core.call(() -> this.usedAssertions.markUsed(client.getPrincipal().toString(), checked.jti(),
                    checked.remember()))
            .flatMap(first -> first ? Mono.<Void>empty() : Mono.error(failed()));
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
