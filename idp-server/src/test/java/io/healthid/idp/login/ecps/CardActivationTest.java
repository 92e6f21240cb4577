package io.healthid.idp.login.ecps;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthid.idp.ecps.TestDevice;
import io.healthid.idp.model.CardType;
import io.healthid.idp.pki.CardRequest;
import io.healthid.idp.pki.EmbeddedPki;
import io.healthid.idp.pki.IssuedCard;
import io.healthid.idp.settings.Issuer;
import io.healthid.idp.testsupport.CardReader;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.ServerPort;
import io.healthid.rpps.sample.SampleDirectory;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Activation with the card: the card listener shows a QR code and the same code as text, and the phone registers with
 * it, once. An ADELI-only person, who cannot activate by correspondence, can activate this way.
 */
@IdpIntegrationTest
class CardActivationTest {

    private static final Pattern CODE = Pattern.compile("id=\"activation-code\"[^>]*>([A-Z0-9]+)<");

    @Autowired
    private EmbeddedPki pki;

    @Autowired
    private Issuer issuer;

    @Test
    void activationWhenCardPresentedThenQrAndCodeRegisterThePhoneOnce() {
        IssuedCard card = this.pki.current().issueCard(CardRequest.nominative(CardType.CPS, SampleDirectory.ADELI_ONLY,
                "THOMAS", "JULIE", "Psychologue").build());
        CardReader.Response page = CardReader.with(card)
            .get("https://localhost:" + ServerPort.CARD_PORT + RelyingParty.REALM + CardActivationPage.PATH);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<svg").contains("<path");
        Matcher code = CODE.matcher(page.body());
        assertThat(code.find()).as(page.body()).isTrue();

        try (TestDevice phone = new TestDevice(this.issuer.value())) {
            EntityExchangeResult<String> registered = phone.register(Map.of("activationCode", code.group(1)), "ios", "17.2", "2.3.0");
            assertThat(registered.getStatus().value()).as(registered.getResponseBody()).isEqualTo(201);
            assertThat(TestDevice.json(registered).path("nationalId").asString()).isEqualTo(SampleDirectory.ADELI_ONLY);
        }
        try (TestDevice second = new TestDevice(this.issuer.value())) {
            assertThat(second.register(Map.of("activationCode", code.group(1)), "ios", "17.2", "2.3.0").getStatus().value())
                .isEqualTo(400);
        }
    }

    @Test
    void activationWhenNoCardThenPageSaysToInsertIt() {
        CardReader.Response page = CardReader.empty()
            .get("https://localhost:" + ServerPort.CARD_PORT + RelyingParty.REALM + CardActivationPage.PATH);
        assertThat(page.status()).isEqualTo(401);
        assertThat(page.body()).contains("CARD_NO_CERTIFICATE").doesNotContain("activation-code");
    }
}
