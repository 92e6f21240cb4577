package io.healthid.idp.observability;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request its {@link CorrelationId} before anything else runs. The id is always our own: one sent by the
 * caller is ignored, so nobody can make two attempts share an id or plant one in the audit trail.
 */
public class CorrelationIdFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = CorrelationId.generate();
        exchange.getAttributes().put(CorrelationId.KEY, id);
        exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
        // error handlers may rebuild the headers: put the id back just before the response leaves
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CorrelationId.HEADER, id);
            return Mono.empty();
        });
        return chain.filter(exchange).contextWrite(context -> context.put(CorrelationId.KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
