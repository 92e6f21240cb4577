package io.healthid.idp.protocol;

import java.util.concurrent.Callable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The bridge from our WebFlux endpoints to SAS's protocol core (architecture decision 1). SAS's providers block (they
 * call the client and authorization stores) and read the issuer from a ThreadLocal, so every call runs on a bounded
 * scheduler with the context set on that thread, and cleared after.
 */
public class ProtocolCore {

    private final AuthenticationManager providers;
    private final Scheduler scheduler;
    private final AuthorizationServerContext context;

    public ProtocolCore(AuthenticationManager providers, Scheduler scheduler, AuthorizationServerSettings settings) {
        this.providers = providers;
        this.scheduler = scheduler;
        this.context = new FixedContext(settings);
    }

    /** Runs the SAS provider that supports {@code request}; errors arrive as {@code OAuth2AuthenticationException}. */
    public Mono<Authentication> authenticate(Authentication request) {
        return call(() -> this.providers.authenticate(request));
    }

    /**
     * Runs the SAS provider on the calling thread, for work known not to block (a client secret this node already
     * verified: an HMAC, no hash, no store): two thread switches fewer than {@link #authenticate}.
     */
    public Mono<Authentication> authenticateInPlace(Authentication request) {
        return Mono.fromCallable(() -> withContext(() -> this.providers.authenticate(request)));
    }

    /** Runs any blocking SAS-side work (stores, generators) under the same rules as the providers. */
    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(() -> withContext(work)).subscribeOn(this.scheduler)
            // continue downstream off the SAS threads: when the call's task ends, Reactor disposes it with an
            // interrupt, which would hit whatever blocking I/O the rest of the request did on that thread
            .publishOn(Schedulers.parallel());
    }

    private <T> T withContext(Callable<T> work) throws Exception {
        AuthorizationServerContextHolder.setContext(this.context);
        try {
            return work.call();
        }
        finally {
            AuthorizationServerContextHolder.resetContext();
        }
    }

    public String issuer() {
        return this.context.getIssuer();
    }

    private record FixedContext(AuthorizationServerSettings settings) implements AuthorizationServerContext {

        @Override
        public String getIssuer() {
            return this.settings.getIssuer();
        }

        @Override
        public AuthorizationServerSettings getAuthorizationServerSettings() {
            return this.settings;
        }
    }
}
