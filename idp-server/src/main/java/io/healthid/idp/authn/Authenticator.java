package io.healthid.idp.authn;

import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.session.LoginTransaction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A means of authentication, plugged into the login page (architecture decision 4). An authenticator says whether it
 * applies to this browser and request, and where the person goes to start it; it runs its own steps on its own
 * routes, and its endpoint hands the login orchestration (package {@code login}) the verified national identifier or
 * a reason code.
 */
public interface Authenticator {

    /**
     * Whether this means can serve the request. {@link Availability#PRESENT}: it takes precedence over all others.
     * {@link Availability#DETECT}: only a visit to {@link #startUri} tells (a card is seen only in a TLS handshake), so
     * the login page sends the browser there first; the authenticator sends it back with {@link #NOT_DETECTED} when
     * nothing was found.
     */
    enum Availability {
        UNAVAILABLE, OFFERED, DETECT, PRESENT
    }

    /** Query parameter of the login page: the means named in it was looked for and not found. */
    String NOT_DETECTED = "not-detected";

    AuthMethod method();

    /** Lower comes first on the login page (the card before e-CPS). */
    int priority();

    /** The acr this means achieves when it succeeds. */
    String acr();

    Mono<Availability> availability(ServerWebExchange exchange, LoginTransaction transaction);

    /** Where the login page links to start this means for the transaction (a plain link: no JavaScript needed). */
    String startUri(LoginTransaction transaction);

    /** Where the login page sends the browser to find out whether this means is there ({@link Availability#DETECT}). */
    default String detectUri(LoginTransaction transaction) {
        return startUri(transaction);
    }
}
