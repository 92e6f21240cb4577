package io.healthid.idp.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.healthid.idp.audit.AuditTrail;
import io.healthid.idp.authn.AuthenticationEvents;
import io.healthid.idp.model.CardType;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.observability.CorrelationId;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.HtmlUtils;

/**
 * What an operator checks (issue 12): each failure kind provoked through the login seam is counted with its client,
 * audited with the correlation id the person reads on the page, logged with it, and listed on the console, whose
 * search tells the attempt's story. The console is reached only by a listed operator signed in through the IdP.
 */
@IdpIntegrationTest
class OperationsConsoleTest {

    static final String OPERATOR = "819990000010";
    private static final String PERSON = "819990000036";

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @Autowired
    private DatabaseClient database;

    @Autowired
    private AuditTrail audit;

    @Autowired
    private EmbeddedPki pki;

    @BeforeEach
    void captureLog() {
        this.log.start();
        ((Logger) LoggerFactory.getLogger(AuthenticationEvents.class)).addAppender(this.log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(AuthenticationEvents.class)).detachAppender(this.log);
    }

    @Test
    void failuresWhenEachKindProvokedThenMetricAuditRowPageLogAndConsoleShareOneCorrelationId() {
        List<ReasonCode> kinds = Arrays.stream(ReasonCode.values()).filter(reason -> !reason.isSuccess()).toList();
        String metricsBefore = Metrics.scrape(this.rp);
        Map<ReasonCode, String> ids = new LinkedHashMap<>();
        for (ReasonCode reason : kinds) {
            Browser person = new Browser(ServerPort.PORT);
            String tx = Browser.query(person.redirectFrom(RelyingParty.demoAuthorizationRequest())).get("tx");
            EntityExchangeResult<String> page = person.get("/test-login?tx=" + tx + "&idnat=" + PERSON + "&fail=" + reason);
            String id = page.getResponseHeaders().getFirst(CorrelationId.HEADER);
            ids.put(reason, id);

            assertThat(id).as(reason.name()).matches("[A-Z][0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{4}");
            assertThat(page.getResponseBody()).as(reason.name()).contains(reason.name())
                .contains("Code à communiquer au support").contains(id);
            assertThat(auditedReasonOf(id)).isEqualTo(reason.name());
            assertThat(this.log.list).as(reason.name()).anySatisfy(line -> {
                assertThat(line.getFormattedMessage()).contains("reason=" + reason).contains("correlationId=" + id);
                assertThat(line.getMDCPropertyMap()).containsEntry(CorrelationId.KEY, id);
            });
        }
        String metricsAfter = Metrics.scrape(this.rp);
        for (ReasonCode reason : kinds) {
            String series = Metrics.authenticationSeries("TEST", "failure", reason.name(), "client-demo");
            assertThat(Metrics.value(metricsAfter, series)).as(series).isEqualTo(Metrics.value(metricsBefore, series) + 1);
        }

        Browser operator = signedInOperator();
        String console = operator.get("/admin").getResponseBody();
        ids.forEach((reason, id) -> assertThat(console).as(reason.name()).contains(id)
            .contains(HtmlUtils.htmlEscape(reason.operatorDescription(), "UTF-8")));
        ReasonCode sample = ReasonCode.ECPS_CLOCK_SKEW;
        String story = operator.get("/admin/search?q=" + ids.get(sample).toLowerCase().replace("-", "")).getResponseBody();
        assertThat(story).contains(ids.get(sample)).contains("authentication TEST").contains(sample.name())
            .contains("client-demo").contains(PERSON).contains(HtmlUtils.htmlEscape(sample.operatorDescription(), "UTF-8"))
            .contains(HtmlUtils.htmlEscape("L'heure de votre téléphone est décalée", "UTF-8"));
    }

    @Test
    void tokenEventsWhenIssuedRefreshedReplayedRevokedThenCountedAuditedAndErrorBodyCarriesCorrelationId() {
        Map<String, Double> before = Metrics.tokenEvents(this.rp, "client-demo");
        URI callback = new Browser(ServerPort.PORT).signIn(RelyingParty.demoAuthorizationRequest(), "819990000036");
        Map<String, Object> tokens = this.rp.redeem(callback);
        String refresh = (String) tokens.get("refresh_token");
        Map<String, Object> refreshed = refresh(refresh).expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();

        EntityExchangeResult<Map> replay = refresh(refresh).expectStatus().isBadRequest().expectBody(Map.class).returnResult();
        String replayId = replay.getResponseHeaders().getFirst(CorrelationId.HEADER);
        assertThat(replay.getResponseBody()).containsEntry("error", "invalid_grant")
            .containsEntry(CorrelationId.BODY_MEMBER, replayId);
        this.rp.http().post().uri(RelyingParty.REALM + "/protocol/openid-connect/revoke")
            .headers(headers -> headers.setBasicAuth(RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET))
            .bodyValue(form("token", (String) refreshed.get("access_token"))).exchange().expectStatus().isOk();
        String serviceId = this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT,
                RelyingParty.DEMO_SECRET).expectStatus().isOk().returnResult(Void.class).getResponseHeaders()
            .getFirst(CorrelationId.HEADER);

        Map<String, Double> after = Metrics.tokenEvents(this.rp, "client-demo");
        assertThat(after.get("issued")).isEqualTo(before.get("issued") + 2);
        assertThat(after.get("refreshed")).isEqualTo(before.get("refreshed") + 1);
        assertThat(after.get("replay_detected")).isEqualTo(before.get("replay_detected") + 1);
        assertThat(after.get("revoked")).isEqualTo(before.get("revoked") + 1);
        this.audit.flush().block(); // audit rows are written in batches, at most idp.audit.flush-interval later
        assertThat(this.database.sql("SELECT event, national_id, token_fingerprint FROM token_event WHERE correlation_id = :id")
            .bind("id", replayId).map(row -> row.get("event", String.class) + " " + row.get("national_id", String.class))
            .one().block()).isEqualTo("REPLAY_DETECTED 819990000036");
        // the same batch's rows with and without a person (client credentials)
        assertThat(this.database.sql("SELECT event, grant_type, national_id FROM token_event WHERE correlation_id = :id")
            .bind("id", serviceId).map(row -> row.get("event", String.class) + " " + row.get("grant_type", String.class)
                    + " " + row.get("national_id", String.class))
            .one().block()).isEqualTo("ISSUED client_credentials null");
        // no row holds a token, only its 16-hex-digit fingerprint
        String accessToken = (String) tokens.get("access_token");
        assertThat(this.database.sql("SELECT count(*) AS n FROM token_event WHERE token_fingerprint = :t OR length(token_fingerprint) <> 16")
            .bind("t", accessToken).map(row -> row.get("n", Long.class)).one().block()).isZero();

        String story = signedInOperator().get("/admin/search?q=819990000036").getResponseBody();
        assertThat(story).contains("token ISSUED").contains("token REFRESHED").contains("token REPLAY_DETECTED")
            .contains("authentication TEST");
    }

    @Test
    void consoleWhenNotSignedInThenSignsInThroughTheIdpAndOnlyListedOperatorsGetIn() {
        Browser stranger = new Browser(ServerPort.PORT);
        URI authorize = stranger.redirectFrom("/admin");
        assertThat(authorize.getPath()).endsWith("/protocol/openid-connect/auth");
        assertThat(Browser.query(authorize)).containsEntry("client_id", "idp-admin")
            .containsEntry("code_challenge_method", "S256");
        URI callback = stranger.signIn(authorize.toString(), "819990000036");
        EntityExchangeResult<String> refused = stranger.get(callback.toString());
        assertThat(refused.getStatus().value()).isEqualTo(403);
        assertThat(refused.getResponseBody()).contains("opérateur");
        assertThat(stranger.redirectFrom("/admin").getPath()).endsWith("/protocol/openid-connect/auth");

        EntityExchangeResult<String> forged = new Browser(ServerPort.PORT).get("/admin/callback?code=x&state=y");
        assertThat(forged.getStatus().value()).isEqualTo(400);
    }

    @Test
    void consoleWhenOperatorSignedInThenShowsDirectoryKeysCrlsAndGaugesAgree() throws Exception {
        // a real card login over TLS reads the test CA's CRL: the board then knows that CA
        Browser person = new Browser(ServerPort.PORT);
        URI detect = person.redirectFrom(person.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString());
        IssuedCard card = this.pki.current().issueCard(CardRequest.nominative(CardType.CPS, SampleDirectory.SEVERAL_SITES,
                "DURAND", "PAUL", "Medecin").build());
        assertThat(CardReader.with(card).get(detect.toString()).location()).startsWith(RelyingParty.DEMO_REDIRECT);

        String console = signedInOperator().get("/admin").getResponseBody();
        assertThat(console).contains("<svg").contains("Annuaire").contains("RS256").contains("signe")
            .contains(card.certificate().getIssuerX500Principal().getName().replaceAll(".*CN=([^,]+).*", "$1"))
            .contains("à jour")
            // the sample directory the embedded server imported has no bad line
            .containsPattern("Lignes rejetées au dernier import</dt><dd class=\"directory-rejected\"[^>]*>0</dd>");
        saveAndScreenshot(console);

        String metrics = Metrics.scrape(this.rp);
        assertThat(Metrics.value(metrics, "idp_signing_key_age_seconds{algorithm=\"RS256\",application=\"idp-server\"}"))
            .isGreaterThanOrEqualTo(0);
        assertThat(Metrics.value(metrics, "idp_directory_last_import_timestamp_seconds{application=\"idp-server\"}"))
            .isGreaterThan(Instant.now().minus(365, ChronoUnit.DAYS).getEpochSecond());
        assertThat(Metrics.value(metrics, "idp_directory_practitioners{application=\"idp-server\"}")).isPositive();
        assertThat(metrics).containsPattern("idp_crl_age_seconds\\{application=\"idp-server\",ca=\"[^\"]+\"\\} ")
            .containsPattern("idp_crl_next_update_seconds\\{application=\"idp-server\",ca=\"[^\"]+\"\\} [0-9]");
        // every series the alert rules and the dashboard name is one the server exposes
        for (Path file : List.of(Path.of("..", "deploy", "prometheus", "idp-alerts.yml"),
                Path.of("..", "deploy", "grafana", "provisioning", "dashboards", "json", "idp-operations.json"))) {
            Matcher name = Pattern.compile("\\b(idp_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b")
                .matcher(Files.readString(file));
            while (name.find()) {
                assertThat(metrics).as(file + " names " + name.group(1)).contains(name.group(1) + "{");
            }
        }
        assertThat(metrics).contains("http_server_requests_seconds_bucket").contains("idp_authentication_duration_seconds_bucket");
        // what nothing reads is not measured: no long-task timer of requests in flight
        assertThat(metrics).doesNotContain("http_server_requests_active_seconds");
    }

    @Test
    void auditWhenRowChangedThenRefusedAndOnlyRetentionRemovesRows() {
        Instant old = Instant.now().minus(400, ChronoUnit.DAYS);
        this.database.sql("INSERT INTO authentication_event (occurred_at, method, outcome, reason, duration_ms, correlation_id)"
                + " VALUES (:at, 'CARD', 'failure', 'CARD_EXPIRED', 0, 'OLD0-OLD0-OLD0')").bind("at", old).then().block();

        assertThatThrownBy(() -> this.database.sql("UPDATE authentication_event SET reason = 'OK'").then().block())
            .hasMessageContaining("append-only");
        assertThatThrownBy(() -> this.database.sql("DELETE FROM token_event").then().block())
            .hasMessageContaining("append-only");
        long total = count("authentication_event");

        assertThat(this.audit.purge().block()).isGreaterThanOrEqualTo(1);
        assertThat(count("authentication_event")).isEqualTo(total - 1);
        assertThat(this.database.sql("SELECT count(*) AS n FROM authentication_event WHERE correlation_id = 'OLD0-OLD0-OLD0'")
            .map(row -> row.get("n", Long.class)).one().block()).isZero();
    }

    /**
     * The console page as the operator got it, kept under {@code target/} with a headless-Chromium screenshot of it
     * (Debian's chromium; without it the screenshot is skipped with a notice, the assertions above still ran).
     */
    private static void saveAndScreenshot(String console) throws Exception {
        Path html = Path.of("target", "admin-console.html").toAbsolutePath();
        Files.writeString(html, console.replace("href=\"/admin.css\"",
                "href=\"http://localhost:" + ServerPort.PORT + "/admin.css\""));
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            System.err.println("*** NOTICE: /usr/bin/chromium not found: console screenshot SKIPPED ***");
            return;
        }
        Path png = html.resolveSibling("admin-console.png");
        Path profile = Files.createTempDirectory("console-chromium");
        Process process = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1400,3800",
                "--screenshot=" + png, html.toUri().toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(Files.size(png)).as("screenshot " + png).isGreaterThan(10_000);
    }

    /** An operator signed in through the IdP, as the console's relying party. */
    static Browser signedInOperator() {
        Browser operator = new Browser(ServerPort.PORT);
        URI callback = operator.signIn(operator.redirectFrom("/admin").toString(), OPERATOR);
        URI console = operator.redirectFrom(callback.toString());
        assertThat(console.getPath()).isEqualTo("/admin");
        return operator;
    }

    private WebTestClient.ResponseSpec refresh(String refreshToken) {
        return this.rp.token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET);
    }

    private static MultiValueMap<String, String> form(String name, String value) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(name, value);
        return form;
    }

    private String auditedReasonOf(String correlationId) {
        this.audit.flush().block(); // written in batches, at most idp.audit.flush-interval later
        return this.database.sql("SELECT reason FROM authentication_event WHERE correlation_id = :id "
                + "AND client_id = 'client-demo' AND national_id = '819990000036'")
            .bind("id", correlationId).map(row -> row.get("reason", String.class)).one().block();
    }

    private long count(String table) {
        this.audit.flush().block();
        return this.database.sql("SELECT count(*) AS n FROM " + table).map(row -> row.get("n", Long.class)).one().block();
    }

}
