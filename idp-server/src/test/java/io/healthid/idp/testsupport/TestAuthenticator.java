package io.healthid.idp.testsupport;

import io.healthid.idp.authn.Authenticator;
import io.healthid.idp.login.LoginCompletion;
import io.healthid.idp.model.Acr;
import io.healthid.idp.model.AuthMethod;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.session.LoginTransaction;
import io.healthid.idp.settings.Issuer;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An authenticator that believes whatever national identifier it is given: registered only by tests, so the
 * protocol can be exercised end to end before (and independently of) the card and e-CPS authenticators.
 * {@code GET /test-login?tx=...&idnat=...[&fail=REASON]}.
 */
public class TestAuthenticator implements Authenticator {

    public static final String PATH = "/test-login";

    private final Issuer issuer;
    private final AuthMethod method;

    public TestAuthenticator(Issuer issuer, AuthMethod method) {
        this.issuer = issuer;
        this.method = method;
    }

    @Override
    public AuthMethod method() {
        return this.method;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String acr() {
        return (this.method == AuthMethod.CARD ? Acr.EIDAS3 : Acr.EIDAS2).value();
    }

    @Override
    public Mono<Availability> availability(ServerWebExchange exchange, LoginTransaction transaction) {
        return Mono.just(Availability.OFFERED);
    }

    @Override
    public String startUri(LoginTransaction transaction) {
        return this.issuer.value().replace(this.issuer.path(), "") + PATH + "?tx=" + transaction.id();
    }

    public Mono<ServerResponse> handle(ServerRequest request, LoginCompletion completion) {
        String tx = request.queryParam("tx").orElse("");
        String nationalId = request.queryParam("idnat").orElse("819990000010");
        return request.queryParam("fail")
            .map(reason -> completion.fail(request, tx, this.method, ReasonCode.valueOf(reason), nationalId))
            .orElseGet(() -> completion.succeed(request, tx, this.method, acr(), nationalId));
    }
}
