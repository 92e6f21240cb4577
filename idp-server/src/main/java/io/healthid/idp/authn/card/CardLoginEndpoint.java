package io.healthid.idp.authn.card;

import io.healthid.idp.authn.AuthMethod;
import io.healthid.idp.authn.Authenticator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.UriUtils;
import io.healthid.idp.authn.LoginCompletion;
import io.healthid.idp.authn.ReasonCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code GET {issuer}/login-actions/card?tx=...}: the card's certificate (from the handshake or a trusted proxy) is
 * validated, then the login completes with the card holder's national identifier or fails with the reason code of the
 * first problem found. Plain GET and redirects: {@code curl -L --cert} completes it, no JavaScript needed.
 */
public class CardLoginEndpoint {

    /** Query parameter: the login page only wants to know whether a card is there. */
    static final String DETECT = "detect";

    private static final Log logger = LogFactory.getLog(CardLoginEndpoint.class);

    private final PresentedCertificateConverter certificates;
    private final CardCertificateValidator validator;
    private final LoginCompletion completion;
    private final Scheduler blocking;
    private final String loginPageUrl;

    public CardLoginEndpoint(PresentedCertificateConverter certificates, CardCertificateValidator validator,
            LoginCompletion completion, Scheduler blocking, String loginPageUrl) {
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
            logger.warn("Client-Cert header from " + untrusted.remoteAddress() + ", which is not a trusted proxy: ignored");
            return this.completion.fail(request, transaction, AuthMethod.CARD, ReasonCode.PROXY_HEADER_UNTRUSTED, null);
        }
        if (!(presented instanceof PresentedCertificate.Chain chain) && request.queryParam(DETECT).isPresent()) {
            // no card in the reader: back to the login page, which now offers every means
            return ServerResponse.status(HttpStatus.FOUND)
                .location(URI.create(this.loginPageUrl + "?tx=" + UriUtils.encodeQueryParam(transaction, StandardCharsets.UTF_8)
                        + "&" + Authenticator.NOT_DETECTED + "=" + AuthMethod.CARD.name()))
                .build();
        }
        if (!(presented instanceof PresentedCertificate.Chain chain)) {
            return this.completion.fail(request, transaction, AuthMethod.CARD, ReasonCode.CARD_NO_CERTIFICATE, null);
        }
        // path validation may fetch a CRL: off the event loop
        return Mono.fromCallable(() -> this.validator.validate(chain.certificates()))
            .subscribeOn(this.blocking)
            .flatMap(result -> {
                if (result instanceof CardValidationResult.Accepted accepted) {
                    return this.completion.succeed(request, transaction, AuthMethod.CARD, CardAuthenticator.ACR,
                            accepted.holder().nationalId());
                }
                CardValidationResult.Rejected rejected = (CardValidationResult.Rejected) result;
                logger.info("Card refused (" + rejected.reason() + ", via " + chain.source() + "): " + rejected.detail());
                return this.completion.fail(request, transaction, AuthMethod.CARD, rejected.reason(), null);
            });
    }
}
