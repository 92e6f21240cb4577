package io.healthid.demo.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The outbox as the identity provider uses it: an e-mail over real SMTP to the embedded server and an SMS posted to
 * the gateway endpoint both show on the outbox page, each with its code picked out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "demo.outbox.smtp-port=0", "demo.issuer=http://127.0.0.1:9/auth/realms/esante-wallet" })
class OutboxPageTest {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedSmtpServer smtp;

    @Test
    void outboxWhenMailAndSmsSentThenPageListsBothWithTheirCodes() throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", "127.0.0.1");
        settings.put("mail.smtp.port", String.valueOf(this.smtp.port()));
        MimeMessage mail = new MimeMessage(Session.getInstance(settings));
        mail.setFrom(new InternetAddress("no-reply@healthid.local"));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress("outbox.test@example.org"));
        mail.setSubject("Votre code d’activation e-CPS", StandardCharsets.UTF_8.name());
        mail.setText("Voici votre code d’activation e-CPS : 314159\n\nIl expire dans 10 minutes.", StandardCharsets.UTF_8.name());
        Transport.send(mail);

        client().post().uri(SmsGatewayEndpoint.PATH).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("to", "+33600009999", "text", "Code d’activation e-CPS : 271828 (valable 10 min)."))
            .exchange().expectStatus().isAccepted();

        String page = client().get().uri("/outbox").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("data-channel=\"EMAIL\" data-to=\"outbox.test@example.org\"")
            .contains("Votre code d’activation e-CPS")
            .contains("<code class=\"activation-code\">314159</code>")
            .contains("data-channel=\"SMS\" data-to=\"+33600009999\"")
            .contains("<code class=\"activation-code\">271828</code>");
    }

    @Test
    void smsGatewayWhenBodyMalformedThenBadRequestNeverAServerError() {
        client().post().uri(SmsGatewayEndpoint.PATH).contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
            .exchange().expectStatus().isBadRequest();
        client().post().uri(SmsGatewayEndpoint.PATH).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("to", 33600009999L, "text", "x")).exchange().expectStatus().isBadRequest();
        client().post().uri(SmsGatewayEndpoint.PATH).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("to", "+33600009999", "text", "x".repeat(5000))).exchange().expectStatus().isBadRequest();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }
}
