package io.healthid.idp.authn.ecps;

import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.model.Acr;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.settings.Issuer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * e-CPS on the login page: always offered (a person may choose it even with a card in the reader), after the card.
 * The person gives their national id, confirms on their phone, and picks the number the browser shows.
 */
public class EcpsAuthenticator implements Authenticator {

    public static final String LOGIN_PATH = "/login-actions/ecps";


    private final Issuer issuer;

    public EcpsAuthenticator(Issuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.MOBILE;
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public String acr() {
        // a software key on a phone, unlocked by a PIN
        return Acr.EIDAS2.value();
    }

    @Override
    public Mono<Availability> availability(ServerWebExchange exchange, LoginTransaction transaction) {
        return Mono.just(Availability.OFFERED);
    }

    @Override
    public String startUri(LoginTransaction transaction) {
        return this.issuer.url(LOGIN_PATH) + "?tx=" + transaction.id();
    }

}
