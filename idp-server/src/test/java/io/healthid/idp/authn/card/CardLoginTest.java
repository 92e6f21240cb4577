package io.healthid.idp.authn.card;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CardFixtures;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.Credential;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.pki.KeyPurpose;
import io.healthid.idp.pki.TestPki;
import io.healthid.idp.testsupport.Browser;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The whole card flow with real TLS handshakes on the card listener and certificates from the server's own test PKI:
 * relying party → authorize → login page → card listener → back to the relying party, and one page with its reason
 * code for every failure fixture.
 */
@IdpIntegrationTest
@Tag("RFC5280-6.1")
class CardLoginTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @Autowired
    private EmbeddedPki pki;

    @Test
    void loginWhenCpsCardPresentedThenCodeForRelyingPartyAndCardAuthMode() throws Exception {
        IssuedCard card = issue(CardRequest.nominative(CardType.CPS, SampleDirectory.TWO_PROFESSIONS, "MARTIN", "SOPHIE",
                "Sage-Femme"));
        CardReader.Response response = loginWith(CardReader.with(card));

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.location()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
        Map<String, Object> tokens = this.rp.redeem(URI.create(response.location()));
        var idToken = this.rp.verify((String) tokens.get("id_token"));
        assertThat(idToken.getStringClaim("SubjectNameID")).isEqualTo(SampleDirectory.TWO_PROFESSIONS);
        assertThat(idToken.getStringClaim("authMode")).isEqualTo("CARD");
        assertThat(idToken.getStringListClaim("amr")).contains("sc");
        // eidas1 asked and satisfied (ADR 0011); the card's strength shows in amr
        assertThat(idToken.getStringClaim("acr")).isEqualTo("eidas1");
        assertThat(idToken.getStringListClaim("amr")).contains("hwk", "pin");
    }

    @Test
    void loginWhenCpfCardOfInterneThenSignedIn() {
        IssuedCard card = issue(CardRequest.nominative(CardType.CPF, SampleDirectory.INTERNE, "INTERNE", "LEA",
                "Interne en medecine"));
        assertThat(loginWith(CardReader.with(card)).location()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");
    }

    @Test
    void loginWhenStructureStaffCardsThenCardAcceptedAndDirectoryDecides() {
        for (CardType type : new CardType[] {CardType.CPE, CardType.CPA, CardType.CDE}) {
            IssuedCard card = issue(CardRequest.structureStaff(type, "512345678901234/" + type + "0001", "512345678901234",
                    "CENTRE HOSPITALIER DE TEST", "NANTES"));
            CardReader.Response response = loginWith(CardReader.with(card));
            // the card itself is valid and read; structure staff are not in the RPPS sample directory
            assertThat(response.status()).as(type.name()).isEqualTo(401);
            assertThat(response.body()).as(type.name()).contains("DIRECTORY_NOT_FOUND").doesNotContain("CARD_");
        }
    }

    @Test
    void loginWhenCardExpiredThenCardExpiredPage() {
        Instant now = Instant.now();
        assertRefused(issue(cps().validity(now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(1)))), "CARD_EXPIRED",
                "expiré");
    }

    @Test
    void loginWhenCardNotYetValidThenNotYetValidPage() {
        Instant now = Instant.now();
        assertRefused(issue(cps().validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(800)))),
                "CARD_NOT_YET_VALID", "pas encore active");
    }

    @Test
    void loginWhenCardRevokedThenRevokedPageAtOnce() {
        IssuedCard card = issue(cps());
        this.pki.revoke(card.certificate());
        // the server is the test CA: it reads its own CRL from memory, so no cache delays the revocation
        assertRefused(card, "CARD_REVOKED", "révoquée");
    }

    @Test
    void loginWhenCardFromUnknownOrSelfSignedIssuerThenUntrustedIssuerPage() {
        IssuedCard rogue = TestPki.builder().environment("ROGUE").build()
            .issueCard(CardRequest.nominative(CardType.CPS, SampleDirectory.TWO_PROFESSIONS, "MARTIN", "SOPHIE", "Sage-Femme").build());
        assertRefused(rogue, "CARD_UNTRUSTED_ISSUER", "carte de la famille CPS");
        assertRefused(CardFixtures.shared().selfSigned, "CARD_UNTRUSTED_ISSUER", "carte de la famille CPS");
    }

    @Test
    @Tag("RFC5280-4.2.1.12")
    void loginWhenSignatureCertificateThenNotForLoginPage() {
        assertRefused(issue(cps().purpose(KeyPurpose.SIGNATURE)), "CARD_NOT_FOR_LOGIN", "signature");
    }

    @Test
    @Tag("RFC5246-7.3")
    void loginWhenTlsSessionResumedAfterCardRemovedThenNoCardAndNoCode() {
        CardReader reader = CardReader.with(issue(cps())).keepingTlsSessions();
        assertThat(loginWith(reader).location()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");

        reader.removeCard();
        CardReader.Response afterRemoval = loginWith(reader);
        // a resumed session would still carry the card's certificate: the listener makes every handshake a full one
        assertThat(afterRemoval.status()).isEqualTo(302);
        assertThat(afterRemoval.location()).doesNotContain("code=").endsWith("not-detected=CARD");
    }

    @Test
    void loginWhenNoCardInReaderThenLoginPageOffersCardAndDirectVisitExplains() {
        Browser browser = new Browser(ServerPort.PORT);
        URI detect = browser.redirectFrom(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString());
        assertThat(detect.toString()).startsWith("https://localhost:" + ServerPort.CARD_PORT).contains("detect=1");

        CardReader.Response noCard = CardReader.empty().get(detect.toString());
        assertThat(noCard.status()).isEqualTo(302);
        assertThat(noCard.location()).contains("/login-actions/authenticate?tx=").endsWith("not-detected=CARD");
        String page = browser.get(noCard.location()).getResponseBody();
        assertThat(page).contains("data-method=\"CARD\"").contains("Carte CPS");

        CardReader.Response direct = CardReader.empty().get(detect.toString().replace("&detect=1", ""));
        assertThat(direct.status()).isEqualTo(401);
        assertThat(direct.body()).contains("CARD_NO_CERTIFICATE").contains("Insérez votre carte");
    }

    @Test
    @Tag("RFC9440-2")
    void loginWhenClientCertHeaderFromTrustedProxyThenAcceptedAndFromAnyoneElseIgnored() throws Exception {
        IssuedCard card = issue(cps());
        String header = ":" + Base64.getEncoder().encodeToString(card.certificate().getEncoded()) + ":";

        String fromProxy = cardUrlOnMainPort(newTransaction());
        CardReader.Response accepted = CardReader.empty().from("127.0.0.2").get(fromProxy, Map.of("Client-Cert", header));
        assertThat(accepted.status()).isEqualTo(302);
        assertThat(accepted.location()).startsWith(RelyingParty.DEMO_REDIRECT + "?code=");

        String fromElsewhere = cardUrlOnMainPort(newTransaction());
        CardReader.Response ignored = CardReader.empty().get(fromElsewhere, Map.of("Client-Cert", header));
        assertThat(ignored.status()).isEqualTo(401);
        assertThat(ignored.body()).contains("PROXY_HEADER_UNTRUSTED");
    }

    @Test
    @Tag("architecture-decision-5")
    void handshakeWhenCardListenerAsksForCertificateThenOffersPkcs1AndEcdsaButNoRsaPss() {
        CardReader reader = CardReader.with(issue(cps()));
        reader.get("https://localhost:" + ServerPort.CARD_PORT + RelyingParty.REALM + "/.well-known/openid-configuration");

        assertThat(reader.offeredSignatureAlgorithms()).contains("SHA256withRSA", "SHA256withECDSA")
            .noneMatch(name -> name.toUpperCase().contains("PSS"));
        assertThat(reader.acceptedIssuers()).extracting(Object::toString)
            .anyMatch(name -> name.contains("PERSONNES"));
    }

    private CardRequest.Builder cps() {
        return CardRequest.nominative(CardType.CPS, SampleDirectory.SEVERAL_SITES, "DURAND", "PAUL", "Medecin");
    }

    private IssuedCard issue(CardRequest.Builder request) {
        return this.pki.current().issueCard(request.build());
    }

    private CardReader.Response loginWith(CardReader reader) {
        Browser browser = new Browser(ServerPort.PORT);
        URI detect = browser.redirectFrom(browser.redirectFrom(RelyingParty.demoAuthorizationRequest()).toString());
        return reader.get(detect.toString());
    }

    private void assertRefused(Credential card, String reasonCode, String advice) {
        CardReader.Response response = loginWith(CardReader.with(card));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains(reasonCode).contains(advice);
        assertThat(response.location()).isNull();
    }

    private String newTransaction() {
        URI login = new Browser(ServerPort.PORT).redirectFrom(RelyingParty.demoAuthorizationRequest());
        return Browser.query(login).get("tx");
    }

    private static String cardUrlOnMainPort(String tx) {
        return "http://localhost:" + ServerPort.PORT + RelyingParty.REALM + "/login-actions/card?tx=" + tx;
    }
}
