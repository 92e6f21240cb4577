package io.healthid.idp.login.card;

import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.authn.card.CardAuthenticator;
import io.healthid.idp.authn.card.CardCertificateValidator;
import io.healthid.idp.authn.card.CardValidationResult;
import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.mtls.PresentedCertificate;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.observability.CorrelationId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code GET {issuer}/login-actions/card?tx=...}: the card's certificate (from the handshake or a trusted proxy) is
 * validated, then the login completes with the card holder's national identifier or fails with the reason code of the
 * first problem found. Plain GET and redirects: {@code curl -L --cert} completes it, no JavaScript needed.
 */
public class CardLoginEndpoint {

    private static final Logger logger = LoggerFactory.getLogger(CardLoginEndpoint.class);

    private final CardAuthenticator authenticator;
    private final PresentedCertificateConverter certificates;
    private final CardCertificateValidator validator;
    private final LoginCompletion completion;
    private final Scheduler blocking;
    private final String loginPageUrl;

    public CardLoginEndpoint(CardAuthenticator authenticator, PresentedCertificateConverter certificates,
            CardCertificateValidator validator, LoginCompletion completion, Scheduler blocking, String loginPageUrl) {
        this.authenticator = authenticator;
        this.loginPageUrl = loginPageUrl;
        this.certificates = certificates;
        this.validator = validator;
        this.completion = completion;
        this.blocking = blocking;
    }

    public Mono<ServerResponse> login(ServerRequest request) {
        String transaction = request.queryParam("tx").orElse("");
        PresentedCertificate presented = this.certificates.convert(request.exchange());
        if (presented instanceof PresentedCertificate.UntrustedHeader untrusted) {
            try (MDC.MDCCloseable id = CorrelationId.inLogs(request.exchange())) {
                logger.warn("Client-Cert header from " + untrusted.remoteAddress() + ", which is not a trusted proxy: ignored");
            }
            return this.completion.fail(request, transaction, this.authenticator.method(), ReasonCode.PROXY_HEADER_UNTRUSTED, null);
        }
        if (!(presented instanceof PresentedCertificate.Chain chain) && request.queryParam(CardAuthenticator.DETECT).isPresent()) {
            // no card in the reader: back to the login page, which now offers every means
            return ServerResponse.status(HttpStatus.FOUND)
                .location(URI.create(this.loginPageUrl + "?tx=" + UriUtils.encodeQueryParam(transaction, StandardCharsets.UTF_8)
                        + "&" + Authenticator.NOT_DETECTED + "=" + AuthMethod.CARD.name()))
                .build();
        }
        if (!(presented instanceof PresentedCertificate.Chain chain)) {
            return this.completion.fail(request, transaction, this.authenticator.method(), ReasonCode.CARD_NO_CERTIFICATE, null);
        }
        // path validation may fetch a CRL: off the event loop
        return Mono.fromCallable(() -> this.validator.validate(chain.certificates()))
            .subscribeOn(this.blocking)
            .flatMap(result -> {
                if (result instanceof CardValidationResult.Accepted accepted) {
                    return this.completion.succeed(request, transaction, this.authenticator, accepted.holder().nationalId());
                }
                CardValidationResult.Rejected rejected = (CardValidationResult.Rejected) result;
                try (MDC.MDCCloseable id = CorrelationId.inLogs(request.exchange())) {
                    logger.info("Card refused (" + rejected.reason() + ", via " + chain.source() + "): " + rejected.detail());
                }
                return this.completion.fail(request, transaction, this.authenticator.method(), rejected.reason(), null);
            });
    }
}
