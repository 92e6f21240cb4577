package io.healthid.idp.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.ecps.EcpsBrowserLogin;
import io.healthid.idp.ecps.EcpsEnrolment;
import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.keys.SigningKeyService;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.rpps.sample.SampleDirectory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two IdP nodes sharing one PostgreSQL and one Redis, behind the project's nginx front (deploy/nginx), with card
 * certificates from a test IGC-Santé hierarchy: every step of a login may run on either node, and a node may go away
 * in the middle of one. An e-CPS login waits on one node and is approved on the other (Redis pub/sub between them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesBehindNginxTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CARD_UPSTREAM = Pattern.compile(
            "\"GET [^\"]*/login-actions/card\" (\\d+) \\S+ upstream=(?:\\S+, )*(\\S+) card=(\\S+)");

    @TempDir
    static Path work;

    private static CardAuthority pki;
    private static SharedStores stores;
    private static IdpNode nodeA;
    private static IdpNode nodeB;
    private static NginxFront front;

    @BeforeAll
    static void startDeployment() throws Exception {
        NginxFront.requireNginx();
        pki = CardAuthority.start(work.resolve("pki"));
        int mainPort = LoopbackPorts.free();
        int cardPort = LoopbackPorts.free();
        stores = SharedStores.create();
        Map<String, String> cluster = new LinkedHashMap<>(stores.nodeProperties());
        cluster.put("idp.base-url", "http://localhost:" + mainPort);
        cluster.put("idp.card.port", "-1");
        cluster.put("idp.card.public-url", "https://localhost:" + cardPort);
        cluster.put("idp.card.trusted-proxies", NginxFront.PROXY_ADDRESS);
        cluster.putAll(pki.nodeTrust());
        // short key schedule: each node reloads the keys every second, a successor signs 3 s after it is published
        cluster.put("idp.keys.refresh-interval", "1s");
        cluster.put("idp.keys.jwks-max-age", "1s");
        cluster.put("idp.keys.publish-ahead", "3s");
        // the test phone's push webhook listens on loopback
        cluster.put("idp.ecps.push.webhook-hosts", "127.0.0.1");
        nodeA = IdpNode.start("a", cluster);
        nodeB = IdpNode.start("b", cluster);
        front = NginxFront.start(work.resolve("nginx"), mainPort, cardPort, pki, nodeA.address(), nodeB.address());
    }

    @AfterAll
    static void stopDeployment() {
        for (AutoCloseable part : new AutoCloseable[] {front, nodeA, nodeB, pki}) {
            try {
                if (part != null) {
                    part.close();
                }
            }
            catch (Exception ignored) {
                // the next part still stops
            }
        }
    }

    @Test
    @Order(1)
    @Tag("RFC9440-2")
    void cardLoginWhenStepsSpreadOverNodesThenCodeTokensUserinfoRefreshAndLogoutWorkAcrossThem() throws Exception {
        IssuedCard card = pki.issueCps();
        CardBrowser first = CardBrowser.with(card);
        int logged = cardLinesLogged();
        URI firstCallback = cardLogin(first, nodeA);
        String firstNode = cardLine(logged).group(2);
        CardBrowser second = CardBrowser.with(card);
        URI secondCallback = cardLogin(second, nodeA);
        String secondNode = cardLine(logged + 1).group(2);
        // the front balances card logins over both nodes
        assertThat(List.of(firstNode, secondNode)).containsExactlyInAnyOrder(nodeA.address(), nodeB.address());
        CardBrowser browser = firstNode.equals(nodeB.address()) ? first : second;
        URI callback = firstNode.equals(nodeB.address()) ? firstCallback : secondCallback;

        // authorized on A, card on B: the code is redeemed on A
        RelyingParty onA = new RelyingParty(nodeA.port());
        RelyingParty onB = new RelyingParty(nodeB.port());
        Map<String, Object> tokens = onA.redeem(callback);
        var idToken = onB.verify((String) tokens.get("id_token"));
        assertThat(idToken.getStringClaim("SubjectNameID")).isEqualTo(SampleDirectory.TWO_PROFESSIONS);
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("CARD");

        // userinfo and refresh on B
        String userinfo = onB.http().get().uri(RelyingParty.REALM + "/protocol/openid-connect/userinfo")
            .headers(h -> h.setBearerAuth((String) tokens.get("access_token"))).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(userinfo).contains(SampleDirectory.TWO_PROFESSIONS);
        Map<?, ?> refreshed = JSON.readValue(onB.token(Map.of("grant_type", "refresh_token", "refresh_token",
                (String) tokens.get("refresh_token")), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody().returnResult().getResponseBody(), Map.class);
        // B read the ID token's claims from the token A stored: the refreshed one keeps the login's time and session
        var refreshedIdToken = onA.verify((String) refreshed.get("id_token"));
        assertThat(refreshedIdToken.getDateClaim("auth_time")).isEqualTo(idToken.getDateClaim("auth_time"));
        assertThat(refreshedIdToken.getStringClaim("sid")).isNotBlank().isEqualTo(idToken.getStringClaim("sid"));

        // logout on A ends the SSO session everywhere: B refuses the session's refresh token and asks for a login
        // the refresh issued a new ID token: it is the hint now
        URI afterLogout = browser.redirectFrom(nodeA.url() + RelyingParty.REALM + "/protocol/openid-connect/logout?id_token_hint="
                + refreshed.get("id_token") + "&post_logout_redirect_uri=http://localhost:8081/&state=bye");
        assertThat(afterLogout.toString()).isEqualTo("http://localhost:8081/?state=bye");
        onB.token(Map.of("grant_type", "refresh_token", "refresh_token", (String) refreshed.get("refresh_token")),
                RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isBadRequest().expectBody().jsonPath("$.error").isEqualTo("invalid_grant");
        URI again = browser.redirectFrom(nodeB.url() + RelyingParty.demoAuthorizationRequest());
        assertThat(again.toString()).startsWith(front.mainUrl()).contains("/login-actions/authenticate");
    }

    @Test
    @Order(2)
    @Tag("architecture-decision-5")
    void cardHandshakeAtFrontThenTls12EcdheAeadAndCertificateRequestWithoutRsaPss() {
        CardReader reader = CardReader.with(pki.issueCps());
        reader.get(front.cardUrl() + RelyingParty.REALM + "/.well-known/openid-configuration");
        assertThat(reader.offeredSignatureAlgorithms()).contains("SHA256withRSA", "SHA384withRSA", "SHA256withECDSA")
            .noneMatch(name -> name.toUpperCase().contains("PSS"));
        assertThat(reader.acceptedIssuers()).extracting(Object::toString).anyMatch(name -> name.contains("PERSONNES"));

        CardBrowser.Response response = CardBrowser.with(pki.issueCps())
            .get(front.cardUrl() + RelyingParty.REALM + "/.well-known/openid-configuration");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.cipherSuite()).startsWith("TLS_ECDHE_").containsAnyOf("_GCM_", "_CHACHA20_POLY1305_");

        // TLS 1.3 is not offered (cards that cannot sign RSA-PSS need TLS 1.2)
        assertThatThrownBy(() -> handshakeWithProtocol("TLSv1.3")).isInstanceOf(SSLHandshakeException.class);

        // a client offering only static-RSA key exchange or CBC gets no connection
        for (String suite : List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")) {
            assertThatThrownBy(() -> CardBrowser.offering(pki.issueCps(), List.of(suite))
                    .get(front.cardUrl() + RelyingParty.REALM + "/.well-known/openid-configuration"))
                .as(suite).hasStackTraceContaining("handshake");
        }
    }

    @Test
    @Order(3)
    @Tag("RFC9440-2")
    void cardLoginWhenHeaderForgedOrCardFromUnknownHierarchyThenNoLoginAndReasonShown() throws Exception {
        int logged = cardLinesLogged();
        String forged = ":" + Base64.getEncoder().encodeToString(pki.issueCps().certificate().getEncoded()) + ":";
        // a browser without a card sends a Client-Cert header itself, to the card host and to the main host
        for (String host : List.of(front.cardUrl(), front.mainUrl())) {
            CardBrowser browser = CardBrowser.withoutCard();
            URI detect = browser.redirectFrom(browser.redirectFrom(nodeA.url() + RelyingParty.demoAuthorizationRequest()).toString());
            String cardStep = host + detect.getRawPath() + "?" + detect.getRawQuery().replace("&detect=1", "");
            CardBrowser.Response response = browser.get(cardStep, Map.of("Client-Cert", forged));
            assertThat(response.status()).as(host).isEqualTo(401);
            assertThat(response.body()).as(host).contains("CARD_NO_CERTIFICATE");
        }

        // a card of another hierarchy, presented even though the CertificateRequest does not name its CA: nginx
        // refuses it, and the node, given it anyway, shows the person why
        CardBrowser browser = CardBrowser.withoutCard();
        URI detect = browser.redirectFrom(browser.redirectFrom(nodeA.url() + RelyingParty.demoAuthorizationRequest()).toString());
        CardReader.Response refused = CardReader.with(CardAuthority.rogueCard()).get(detect.toString());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("CARD_UNTRUSTED_ISSUER");
        // the card log's second line of this test: the first is the forged header's
        assertThat(cardLine(logged + 1).group(3)).startsWith("FAILED");
    }

    @Test
    @Order(4)
    void keyWhenRotatedThroughOneNodeThenPublishedAndUsedByBoth() throws Exception {
        RelyingParty onA = new RelyingParty(nodeA.port());
        RelyingParty onB = new RelyingParty(nodeB.port());
        String before = kidOfTokenFrom(onA);
        List<String> publishedBefore = onA.jwks().getKeys().stream().map(JWK::getKeyID).toList();

        nodeA.bean(SigningKeyService.class).rotateNow().block(Duration.ofSeconds(30));

        // published at once by the node that rotated, signing only after the publish-ahead
        var keyType = onA.jwks().getKeyByKeyId(before).getKeyType();
        String rotated = onA.jwks().getKeys().stream().filter(key -> key.getKeyType().equals(keyType))
            .map(JWK::getKeyID).filter(kid -> !publishedBefore.contains(kid)).findFirst().orElseThrow();
        // B publishes it at its next refresh, then both sign with it once the publish-ahead has passed
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (onB.jwks().getKeyByKeyId(rotated) == null || !kidOfTokenFrom(onA).equals(rotated)
                || !kidOfTokenFrom(onB).equals(rotated)) {
            assertThat(System.nanoTime()).as("both nodes publish and sign with the rotated key").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(onA.jwks().getKeyByKeyId(before)).as("the previous key stays published").isNotNull();
        // a token from either node verifies against the other's JWKS
        onB.verify(tokenFrom(onA));
        onA.verify(tokenFrom(onB));
    }

    @Test
    @Order(5)
    @Tag("architecture-decision-8")
    void ecpsLoginWhenStartedOnAAndApprovedOnBThenStreamOnAIsWokenThroughRedisAndLoginFinishesOnB() throws Exception {
        String nationalId = SampleDirectory.TWO_PROFESSIONS;
        // the phone talks to B only; its proofs name the public URLs, as requests through the front do
        TestDevice onlyB = new TestDevice(front.mainUrl() + RelyingParty.REALM, nodeB.url() + RelyingParty.REALM);
        try (TestDevice phone = EcpsEnrolment.enrol(nodeB.bean(ActivationStore.class), onlyB, nationalId)) {
            // the browser on A: authorization, the e-CPS form, the waiting page and its event stream
            Browser browser = new Browser(nodeA.port());
            String tx = Browser.query(browser.redirectFrom(nodeA.url() + RelyingParty.demoAuthorizationRequest())).get("tx");
            String form = EcpsBrowserLogin.formUri(nodeA.url() + RelyingParty.REALM, tx);
            assertThat(browser.get(form).getResponseBody()).contains("name=\"nationalId\"");
            URI waiting = onNode(nodeA, EcpsBrowserLogin.submit(browser, form, nationalId));
            String page = browser.get(waiting.toString()).getResponseBody();
            CompletableFuture<ServerSentEvent<String>> settled = EcpsBrowserLogin.firstEvent(
                    onNode(nodeA, EcpsBrowserLogin.eventsOn(page)), browser);
            // A listens, and has nothing to say while the phone has not answered
            awaitSubscriber("ecps:challenge-events:" + Browser.query(waiting).get("challenge"));
            assertThat(settled).isNotDone();

            // the phone reads the challenge and approves on B: only Redis pub/sub can tell A
            EcpsBrowserLogin.approveShownNumber(phone, EcpsBrowserLogin.numberOn(page));
            ServerSentEvent<String> event = settled.get(30, TimeUnit.SECONDS);
            assertThat(event.event()).isEqualTo("settled");
            assertThat(event.data()).isEqualTo("approved");

            // woken, the page's script reloads the waiting page, which the front may send to B: the login finishes
            // there, and the relying party redeems the code on A
            EntityExchangeResult<String> done = browser.get(onNode(nodeB, waiting).toString());
            assertThat(done.getStatus().value()).isEqualTo(HttpStatus.FOUND.value());
            URI callback = done.getResponseHeaders().getLocation();
            assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
            RelyingParty onA = new RelyingParty(nodeA.port());
            var idToken = onA.verify((String) onA.redeem(callback).get("id_token"));
            assertThat(idToken.getStringClaim("authMode")).isEqualTo("MOBILE");
            assertThat(idToken.getStringClaim("SubjectNameID")).isEqualTo(nationalId);
        }
    }

    @Test
    @Order(6)
    void loginWhenNodeStopsMidwayThenThePersonFinishesOnTheOtherNode() throws Exception {
        int logged = cardLinesLogged();
        CardBrowser browser = CardBrowser.with(pki.issueCps());
        URI loginPage = browser.redirectFrom(nodeA.url() + RelyingParty.demoAuthorizationRequest());

        nodeA.stop();

        URI detect = browser.redirectFrom(loginPage.toString());
        CardBrowser.Response card = browser.get(detect.toString());
        assertThat(card.status()).isEqualTo(HttpStatus.FOUND.value());
        assertThat(card.location().toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
        assertThat(cardLine(logged).group(2)).isEqualTo(nodeB.address());
        Map<String, Object> tokens = new RelyingParty(nodeB.port()).redeem(card.location());
        assertThat(tokens).containsKeys("access_token", "id_token", "refresh_token");
    }

    /** The same path and query on one node's own port. */
    private static URI onNode(IdpNode node, URI uri) {
        return URI.create(node.url() + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Until a node listens on this Redis channel (an event stream subscribes first, then reads the state). */
    private static void awaitSubscriber(String channel) throws InterruptedException {
        RedisClient client = RedisClient.create(stores.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L) < 1) {
                assertThat(System.nanoTime()).as("a node listens on " + channel).isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        finally {
            client.shutdown();
        }
    }

    private static void handshakeWithProtocol(String protocol) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", front.cardPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
        }
    }

    /** Authorization request on {@code node}, then the login page and the card step as the browser follows them. */
    private static URI cardLogin(CardBrowser browser, IdpNode node) {
        URI loginPage = browser.redirectFrom(node.url() + RelyingParty.demoAuthorizationRequest());
        assertThat(loginPage.toString()).startsWith(front.mainUrl());
        URI detect = browser.redirectFrom(loginPage.toString());
        assertThat(detect.toString()).startsWith(front.cardUrl());
        URI callback = browser.redirectFrom(detect.toString());
        assertThat(callback.toString()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
        return callback;
    }

    /** How many card logins nginx's card log holds. */
    private static int cardLinesLogged() {
        return cardLines().size();
    }

    /**
     * The card log's line number {@code index} (from 0): nginx writes a request's line once the answer is sent, so a
     * client that has the answer may have to wait for it.
     */
    private static Matcher cardLine(int index) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<String> lines = cardLines();
        while (lines.size() <= index) {
            assertThat(System.nanoTime()).as("card request " + index + " in nginx's card log").isLessThan(deadline);
            Thread.sleep(20);
            lines = cardLines();
        }
        Matcher line = CARD_UPSTREAM.matcher(lines.get(index));
        assertThat(line.find()).isTrue();
        return line;
    }

    private static List<String> cardLines() {
        try {
            return CARD_UPSTREAM.matcher(front.cardLog()).results().map(MatchResult::group).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String tokenFrom(RelyingParty rp) throws Exception {
        byte[] body = rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, RelyingParty.DEMO_SECRET)
            .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return (String) JSON.readValue(body, Map.class).get("access_token");
    }

    private static String kidOfTokenFrom(RelyingParty rp) throws Exception {
        return SignedJWT.parse(tokenFrom(rp)).getHeader().getKeyID();
    }
}
