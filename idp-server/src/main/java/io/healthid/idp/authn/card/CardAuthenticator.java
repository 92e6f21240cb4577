package io.healthid.idp.authn.card;

import io.healthid.idp.authn.AuthMethod;
import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.session.LoginTransaction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The CPS card on the login page. A certificate already presented with the request (the person came through the card
 * listener or the proxy's card host) makes the card take precedence over every other means, as PSC does.
 */
public class CardAuthenticator implements Authenticator {

    public static final String LOGIN_PATH = "/login-actions/card";

    /** A smart card with PIN: eIDAS high. */
    static final String ACR = "eidas3";

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
        return ACR;
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
        return startUri(transaction) + "&" + CardLoginEndpoint.DETECT + "=1";
    }

    @Override
    public String label(String language) {
        return "en".equals(language) ? "CPS card (card reader)" : "Carte CPS (lecteur de carte)";
    }
}
