package io.healthid.demo.trace;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * The exchanges of one login (or refresh), in order. While a request is handled it lives in the exchange (the
 * recording connector adds the demo's own calls to it); the finished trace is kept in the session for the trace page.
 */
public final class LoginTrace implements Serializable {

    /** Session attribute of the last finished trace. */
    public static final String SESSION_ATTRIBUTE = "demo.trace";

    /** Session attribute of the authorization request, made in the request before the callback. */
    public static final String PENDING_AUTHORIZATION = "demo.trace.authorization";

    private static final String EXCHANGE_ATTRIBUTE = LoginTrace.class.getName();

    private final List<HttpExchangeRecord> exchanges = Collections.synchronizedList(new ArrayList<>());

    /** The trace of the current request, created on first use. */
    public static LoginTrace of(ServerWebExchange exchange) {
        return exchange.getAttributes().computeIfAbsent(EXCHANGE_ATTRIBUTE, key -> new LoginTrace()) instanceof LoginTrace trace
                ? trace : new LoginTrace();
    }

    public void add(HttpExchangeRecord record) {
        this.exchanges.add(record);
    }

    public List<HttpExchangeRecord> exchanges() {
        synchronized (this.exchanges) {
            return List.copyOf(this.exchanges);
        }
    }
}
