package io.healthid.idp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The e-CPS signals an operator reads (issue 12): a push the gateway refuses and a phone whose clock is off, each
 * provoked through a real browser login and a test phone, then found in {@code idp_ecps_push_total} and
 * {@code idp_ecps_clock_skew_seconds}, in the login counter by reason, in the audit row and the log line of the
 * correlation id the person reads on the page, and on the console's e-CPS panel and recent failures.
 */
@IdpIntegrationTest
class EcpsSignalsConsoleTest {

    private static final Pattern NUMBER = Pattern.compile("id=\"ecps-number\"[^>]*>(\\d+)<");
    private static final String APP = "application=\"idp-server\"";

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);
    private final List<TestDevice> phones = new ArrayList<>();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Autowired
    private Issuer issuer;

    @Autowired
    private ActivationStore activations;

    @Autowired
    private DatabaseClient database;

    @Autowired
    private AuditTrail audit;

    @BeforeEach
    void captureLog() {
        this.log.start();
        ((Logger) LoggerFactory.getLogger(AuthenticationEvents.class)).addAppender(this.log);
    }

    @AfterEach
    void releaseLogAndPhones() {
        ((Logger) LoggerFactory.getLogger(AuthenticationEvents.class)).detachAppender(this.log);
        this.phones.forEach(TestDevice::close);
    }

    @Test
    void pushWhenGatewayRefusesThenUndeliverableCountedAuditedShownAndOnTheConsole() {
        String person = EcpsEnrolment.freshNationalId();
        TestDevice phone = new TestDevice(this.issuer.value());
        this.phones.add(phone);
        // the phone's webhook answers 404 there: the gateway refuses the message
        String gone = phone.webhookUrl().replace("/push", "/gone");
        EntityExchangeResult<String> registered = phone.register(Map.of("activationCode",
                this.activations.saveCardCode(person, Duration.ofSeconds(90)).block(),
                "push", Map.of("type", "webhook", "url", gone)), "android", "14", "2.3.0");
        assertThat(registered.getStatus().value()).as(registered.getResponseBody()).isEqualTo(201);
        String series = "idp_ecps_push_total{" + APP + ",gateway=\"webhook\",outcome=\"undeliverable\"}";
        String logins = Metrics.authenticationSeries("MOBILE", "failure", ReasonCode.ECPS_PUSH_UNDELIVERABLE.name(),
                "client-demo");
        String metricsBefore = Metrics.scrape(this.rp);
        long consoleBefore = pushesOnConsole(OperationsConsoleTest.signedInOperator().get("/admin").getResponseBody(),
                "undeliverable");

        Browser browser = new Browser(ServerPort.PORT);
        EntityExchangeResult<String> page = browser.postForm(ecpsForm(browser), Map.of("nationalId", person));

        String id = page.getResponseHeaders().getFirst(CorrelationId.HEADER);
        assertThat(page.getResponseBody()).contains(ReasonCode.ECPS_PUSH_UNDELIVERABLE.name())
            .contains("Code à communiquer au support").contains(id);
        String metricsAfter = Metrics.scrape(this.rp);
        assertThat(Metrics.value(metricsAfter, series)).isEqualTo(Metrics.value(metricsBefore, series) + 1);
        assertThat(Metrics.value(metricsAfter, logins)).isEqualTo(Metrics.value(metricsBefore, logins) + 1);
        assertThat(auditOf(id)).isEqualTo("MOBILE ECPS_PUSH_UNDELIVERABLE " + person + " client-demo");
        assertLogged(ReasonCode.ECPS_PUSH_UNDELIVERABLE, id);

        String console = OperationsConsoleTest.signedInOperator().get("/admin").getResponseBody();
        assertThat(pushesOnConsole(console, "undeliverable")).isEqualTo(consoleBefore + 1);
        assertThat(console).contains(id);
    }

    @Test
    void answerWhenPhoneClockOffThenSkewMeasuredRefusalCountedAuditedShownAndOnTheConsole() {
        TestDevice phone = EcpsEnrolment.enrol(this.activations, this.issuer.value(), EcpsEnrolment.freshNationalId());
        this.phones.add(phone);
        String count = "idp_ecps_clock_skew_seconds_count{" + APP + "}";
        String withinAllowed = "idp_ecps_clock_skew_seconds_bucket{" + APP + ",le=\"60.0\"}";
        String withinTwoMinutes = "idp_ecps_clock_skew_seconds_bucket{" + APP + ",le=\"120.0\"}";
        String logins = Metrics.authenticationSeries("MOBILE", "failure", ReasonCode.ECPS_CLOCK_SKEW.name(), "client-demo");
        String refusals = "idp_ecps_refusals_total{" + APP + ",operation=\"response\",reason=\"ECPS_CLOCK_SKEW\"}";
        String metricsBefore = Metrics.scrape(this.rp);
        String consoleBefore = OperationsConsoleTest.signedInOperator().get("/admin").getResponseBody();

        // a phone 100 s behind signs its answer; its DPoP proof is on time, so the answer's own iat is what is refused
        Browser browser = new Browser(ServerPort.PORT);
        String waitUri = startLogin(browser, phone.nationalId());
        int shown = numberOn(browser.get(waitUri).getResponseBody());
        String challengeId = phone.nextPush();
        phone.setClockOffset(Duration.ofSeconds(-100));
        String late = phone.signedAnswer(challengeId, "approve", shown, phone.key(), phone.deviceId());
        phone.setClockOffset(Duration.ZERO);
        EntityExchangeResult<String> refused = phone.answer(challengeId, late);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        JsonNode body = TestDevice.json(refused);
        assertThat(body.path("reason").asString()).isEqualTo(ReasonCode.ECPS_CLOCK_SKEW.name());
        assertThat(body.path(CorrelationId.BODY_MEMBER).asString())
            .isEqualTo(refused.getResponseHeaders().getFirst(CorrelationId.HEADER));

        EntityExchangeResult<String> page = browser.get(waitUri);
        String id = page.getResponseHeaders().getFirst(CorrelationId.HEADER);
        assertThat(page.getResponseBody()).contains(ReasonCode.ECPS_CLOCK_SKEW.name()).contains(id);

        // a phone 30 s behind is within the allowed 60 s: measured, not refused
        String onTime = startLogin(browser, phone.nationalId());
        int number = numberOn(browser.get(onTime).getResponseBody());
        String second = phone.nextPush();
        phone.setClockOffset(Duration.ofSeconds(-30));
        assertThat(phone.approve(second, number).getStatus().value()).isEqualTo(200);
        phone.setClockOffset(Duration.ZERO);

        String metricsAfter = Metrics.scrape(this.rp);
        assertThat(Metrics.value(metricsAfter, count)).isEqualTo(Metrics.value(metricsBefore, count) + 2);
        assertThat(Metrics.value(metricsAfter, withinAllowed)).isEqualTo(Metrics.value(metricsBefore, withinAllowed) + 1);
        assertThat(Metrics.value(metricsAfter, withinTwoMinutes)).isEqualTo(Metrics.value(metricsBefore, withinTwoMinutes) + 2);
        assertThat(Metrics.value(metricsAfter, logins)).isEqualTo(Metrics.value(metricsBefore, logins) + 1);
        assertThat(Metrics.value(metricsAfter, refusals)).isEqualTo(Metrics.lazyCount(metricsBefore, refusals) + 1);
        assertThat(auditOf(id)).isEqualTo("MOBILE ECPS_CLOCK_SKEW " + phone.nationalId() + " client-demo");
        assertLogged(ReasonCode.ECPS_CLOCK_SKEW, id);

        String console = OperationsConsoleTest.signedInOperator().get("/admin").getResponseBody();
        assertThat(onConsole(console, "ecps-answers")).isEqualTo(onConsole(consoleBefore, "ecps-answers") + 2);
        assertThat(onConsole(console, "ecps-beyond")).isEqualTo(onConsole(consoleBefore, "ecps-beyond") + 1);
        assertThat(console).contains(id);
    }

    private String ecpsForm(Browser browser) {
        String tx = Browser.query(browser.redirectFrom(RelyingParty.demoAuthorizationRequest())).get("tx");
        return this.issuer.value() + "/login-actions/ecps?tx=" + tx;
    }

    private String startLogin(Browser browser, String nationalId) {
        EntityExchangeResult<String> submitted = browser.postForm(ecpsForm(browser), Map.of("nationalId", nationalId));
        assertThat(submitted.getStatus().value()).as(submitted.getResponseBody()).isEqualTo(303);
        return UriComponentsBuilder.fromUri(submitted.getResponseHeaders().getLocation()).build(true).toUriString();
    }

    private String auditOf(String correlationId) {
        this.audit.flush().block(); // written in batches, at most idp.audit.flush-interval later
        return this.database.sql("SELECT method, reason, national_id, client_id FROM authentication_event "
                + "WHERE correlation_id = :id")
            .bind("id", correlationId)
            .map(row -> row.get("method", String.class) + " " + row.get("reason", String.class) + " "
                    + row.get("national_id", String.class) + " " + row.get("client_id", String.class))
            .one().block();
    }

    private void assertLogged(ReasonCode reason, String correlationId) {
        assertThat(this.log.list).anySatisfy(line -> {
            assertThat(line.getFormattedMessage()).contains("method=MOBILE").contains("reason=" + reason)
                .contains("correlationId=" + correlationId);
            assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationId.KEY, correlationId);
        });
    }

    /** The console's count of the webhook gateway's pushes with that outcome (this node, last hour). */
    private static long pushesOnConsole(String console, String outcome) {
        Matcher row = Pattern.compile("(?s)data-gateway=\"webhook\"[^>]*>.*?<td class=\"" + outcome + "\">(\\d+)</td>")
            .matcher(console);
        assertThat(row.find()).as("webhook row on the console").isTrue();
        return Long.parseLong(row.group(1));
    }

    private static long onConsole(String console, String id) {
        Matcher value = Pattern.compile("id=\"" + id + "\">(\\d+)").matcher(console);
        assertThat(value.find()).as(id + " on the console").isTrue();
        return Long.parseLong(value.group(1));
    }

    private static int numberOn(String page) {
        Matcher matcher = NUMBER.matcher(page);
        assertThat(matcher.find()).as(page).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
