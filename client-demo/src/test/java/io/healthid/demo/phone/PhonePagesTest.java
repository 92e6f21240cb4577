package io.healthid.demo.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The simulator's pages and its webhook in the running demo: a push for a phone of the simulator is taken (204), one
 * for no phone is not (404), and the phone's screen offers the three numbers and a denial once the push is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "demo.outbox.smtp-port=0", "demo.issuer=http://127.0.0.1:9/auth/realms/esante-wallet" })
class PhonePagesTest {

    @LocalServerPort
    int port;

    @Autowired
    Phones phones;

    @Test
    void simulatorWhenOpenedThenOffersBothActivations() {
        String page = get("/phone");
        assertThat(page).contains("id=\"activation-start\"").contains("id=\"activation-card\"")
            .contains("name=\"_csrf\"").contains("https://localhost:8443/auth/realms/esante-wallet/ecps/activation");
    }

    @Test
    void pushWhenForAPhoneThenTakenAndItsScreenOffersTheNumbers() throws Exception {
        SimulatedPhone phone = this.phones.add(new SimulatedPhone(this.phones.newId(), new ECKeyGenerator(Curve.P_256).generate(),
                "device-1", "819990000028", null, DeviceDescription.RECENT_ANDROID));
        client().post().uri(PushReceiver.PATH + phone.id()).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("challengeId", "challenge-1")).exchange().expectStatus().isNoContent();
        client().post().uri(PushReceiver.PATH + "0000000000000000").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("challengeId", "challenge-1")).exchange().expectStatus().isNotFound();
        client().post().uri(PushReceiver.PATH + phone.id()).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("challengeId", "../../x")).exchange().expectStatus().isBadRequest();
        assertThat(phone.notifications()).extracting(Notification::challengeId).containsExactly("challenge-1");

        // what GET /challenges/{id} would have returned (this demo's identity provider is not running)
        phone.update("challenge-1", pushed -> pushed.read(new Notification.Challenge("Démo Pro Santé Connect",
                List.of(12, 34, 56), null, Instant.parse("2026-12-02T10:02:00Z"), "pending")));
        String screen = get("/phone/" + phone.id());
        assertThat(screen).contains("id=\"number-12\"").contains("id=\"number-34\"").contains("id=\"number-56\"")
            .contains("id=\"deny\"").contains("Démo Pro Santé Connect").doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void settingsWhenOpenedThenShowTheClockAndDelay() throws Exception {
        SimulatedPhone phone = this.phones.add(new SimulatedPhone(this.phones.newId(), new ECKeyGenerator(Curve.P_256).generate(),
                "device-2", "819990000010", null, DeviceDescription.RECENT_ANDROID));
        phone.settings(PhoneSettings.parse("-300", true, "150").orElseThrow());
        assertThat(get("/phone/" + phone.id() + "/settings")).contains("id=\"clockOffset\"").contains("value=\"-300\"")
            .contains("value=\"150\"");
        assertThat(get("/phone/" + phone.id())).contains("id=\"settings-summary\"").contains("-300")
            .contains("http-equiv=\"refresh\"");
    }

    private String get(String path) {
        return client().get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }
}
