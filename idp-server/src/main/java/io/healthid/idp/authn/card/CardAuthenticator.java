package io.healthid.idp.authn.card;

import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.model.Acr;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.mtls.PresentedCertificateConverter;
import io.healthid.idp.session.LoginTransaction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The CPS card on the login page. A certificate already presented with the request (the person came through the card
 * listener or the proxy's card host) makes the card take precedence over every other means, as PSC does.
 */
public class CardAuthenticator implements Authenticator {

    public static final String LOGIN_PATH = "/login-actions/card";

    /** Query parameter of the card login endpoint: the login page only wants to know whether a card is there. */
    public static final String DETECT = "detect";

    private final PresentedCertificateConverter certificates;
    private final String cardLoginUrl;

    /** @param cardLoginUrl absolute URL of the card login endpoint on the card listener (or the proxy's card host) */
    public CardAuthenticator(PresentedCertificateConverter certificates, String cardLoginUrl) {
        this.certificates = certificates;
        this.cardLoginUrl = cardLoginUrl;
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.CARD;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String acr() {
        return Acr.EIDAS3.value();
    }

    /**
     * A card in the request wins. Otherwise the browser is first sent to the card endpoint, where the handshake shows
     * whether a card is in the reader; it comes back here with {@code not-detected=CARD} if not, and the card is
     * then simply offered.
     */
    @Override
    public Mono<Availability> availability(ServerWebExchange exchange, LoginTransaction transaction) {
        if (this.certificates.convert(exchange).isPresent()) {
            return Mono.just(Availability.PRESENT);
        }
        boolean lookedFor = AuthMethod.CARD.name().equals(exchange.getRequest().getQueryParams().getFirst(NOT_DETECTED));
        return Mono.just(lookedFor ? Availability.OFFERED : Availability.DETECT);
    }

    @Override
    public String startUri(LoginTransaction transaction) {
        return this.cardLoginUrl + "?tx=" + transaction.id();
    }

    /** The card endpoint, asked to send the browser back to the login page when no card is presented. */
    @Override
    public String detectUri(LoginTransaction transaction) {
        return startUri(transaction) + "&" + DETECT + "=1";
    }
}
