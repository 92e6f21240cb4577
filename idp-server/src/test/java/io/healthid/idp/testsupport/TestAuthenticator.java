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
 * protocol can be exercised end to end independently of the card and e-CPS authenticators. It never poses as one of
 * them (ADR 0014): its logins say {@code authMode} {@code TEST} and {@code amr} {@code ["test"]}, and reach only the
 * lowest level, {@code eidas1}, which relying parties ask for. Tests of card or e-CPS behaviour sign in with a card
 * ({@link CardReader}) or a test phone. {@code GET /test-login?tx=...&idnat=...[&fail=REASON]}.
 */
public class TestAuthenticator implements Authenticator {

    public static final String PATH = "/test-login";

    private final Issuer issuer;

    public TestAuthenticator(Issuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.TEST;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String acr() {
        return Acr.EIDAS1.value();
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
            .map(reason -> completion.fail(request, tx, method(), ReasonCode.valueOf(reason), nationalId))
            .orElseGet(() -> completion.succeed(request, tx, this, nationalId));
    }
}
