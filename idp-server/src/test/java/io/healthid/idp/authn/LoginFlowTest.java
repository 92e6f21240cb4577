package io.healthid.idp.authn;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The login seam: the page lists the means that apply, every attempt ends in one event (metric, audit row, log), and a
 * failure shows the person what to do while the login transaction survives for a retry.
 */
@IdpIntegrationTest
class LoginFlowTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private DatabaseClient database;

    @Autowired
    private AuditTrail audit;

    @Test
    void loginPageWhenRequestNeedsLoginThenListsAvailableMeansAndCancel() {
        Browser browser = new Browser(ServerPort.PORT);
        URI login = browser.redirectFrom(RelyingParty.demoAuthorizationRequest());
        // the card is looked for first (a card in the reader wins); without one the page lists every means
        EntityExchangeResult<String> page = browser.get(login + "&" + Authenticator.NOT_DETECTED + "=CARD");

        assertThat(page.getStatus().value()).isEqualTo(200);
        assertThat(page.getResponseBody()).contains("Démo Pro Santé Connect").contains("data-method=\"CARD\"")
            .contains("/test-login?tx=").contains("/login-actions/cancel?tx=");
        assertThat(page.getResponseHeaders().getCacheControl()).contains("no-store");
    }

    @Test
    void failureWhenAuthenticatorReportsReasonThenPageSaysWhatToDoAndRetryWorks() {
        Browser browser = new Browser(ServerPort.PORT);
        String tx = transactionOf(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()));
        double before = count("TEST", "failure", "CARD_EXPIRED");

        EntityExchangeResult<String> failure = browser.get("/test-login?tx=" + tx + "&fail=CARD_EXPIRED");
        assertThat(failure.getStatus().value()).isEqualTo(401);
        assertThat(failure.getResponseBody()).contains("Votre carte a expiré").contains("CARD_EXPIRED")
            .contains("/login-actions/authenticate?tx=" + tx);
        assertThat(count("TEST", "failure", "CARD_EXPIRED")).isEqualTo(before + 1);

        URI callback = browser.redirectFrom("/test-login?tx=" + tx + "&idnat=819990000010");
        assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT).contains("code=");
    }

    @Test
    void completionWhenTransactionAlreadyUsedThenSessionExpiredNotASecondCode() {
        Browser browser = new Browser(ServerPort.PORT);
        String tx = transactionOf(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()));
        browser.redirectFrom("/test-login?tx=" + tx + "&idnat=819990000010");

        EntityExchangeResult<String> replay = browser.get("/test-login?tx=" + tx + "&idnat=819990000010");
        assertThat(replay.getStatus().value()).isEqualTo(400);
        assertThat(replay.getResponseBody()).contains("SESSION_EXPIRED");
    }

    @Test
    void cancelWhenPersonGivesUpThenRelyingPartyGetsAccessDenied() {
        Browser browser = new Browser(ServerPort.PORT);
        String tx = transactionOf(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()));
        URI back = browser.redirectFrom(RelyingParty.REALM + "/login-actions/cancel?tx=" + tx);
        assertThat(Browser.query(back)).containsEntry("error", "access_denied").containsEntry("state", "st-123")
            .containsEntry("iss", this.rp.issuer());
    }

    @Test
    void successWhenSignedInThenOneEventCountedAndAudited() {
        double before = count("TEST", "success", "OK");
        long auditedBefore = audited("819990000036");
        new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000036");

        assertThat(count("TEST", "success", "OK")).isEqualTo(before + 1);
        assertThat(audited("819990000036")).isEqualTo(auditedBefore + 1);
    }

    private long audited(String nationalId) {
        this.audit.flush().block(); // written in batches, at most idp.audit.flush-interval later
        return this.database.sql("SELECT count(*) AS n FROM authentication_event WHERE national_id = :id "
                + "AND reason = 'OK' AND method = 'TEST' AND client_id = 'client-demo' AND duration_ms >= 0")
            .bind("id", nationalId)
            .map(row -> row.get("n", Long.class)).one().block();
    }

    private double count(String method, String outcome, String reason) {
        String metrics = ServerPort.management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        String prefix = "idp_authentications_total{application=\"idp-server\",client=\"client-demo\",method=\"" + method
                + "\",outcome=\"" + outcome + "\",reason=\"" + reason + "\"} ";
        return metrics.lines().filter(line -> line.startsWith(prefix)).mapToDouble(line -> Double.parseDouble(
                line.substring(prefix.length()))).findFirst().orElseThrow(() -> new AssertionError("no series " + prefix));
    }

    private static String transactionOf(URI login) {
        return UriComponentsBuilder.fromUri(login).build().getQueryParams().getFirst("tx");
    }
}
