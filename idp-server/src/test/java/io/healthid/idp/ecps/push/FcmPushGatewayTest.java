package io.healthid.idp.ecps.push;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.testsupport.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** FCM HTTP v1 against WireMock standing in for Google: the service account's assertion, the token reuse, the message. */
class FcmPushGatewayTest {

    private final WireMockServer google = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private KeyPair serviceAccountKey;
    private FcmPushGateway gateway;

    @BeforeEach
    void start(@TempDir Path directory) throws Exception {
        this.google.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.serviceAccountKey = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(this.serviceAccountKey.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        JsonMapper json = JsonMapper.builder().build();
        Path file = directory.resolve("service-account.json");
        Files.writeString(file, json.writeValueAsString(Map.of("client_email", "push@healthid-test.iam.example",
                "private_key", pem, "token_uri", this.google.baseUrl() + "/token")));
        this.google.stubFor(post(urlEqualTo("/token"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.test-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
        this.google.stubFor(post(urlEqualTo("/v1/projects/healthid-test/messages:send"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"name\":\"projects/healthid-test/messages/1\"}")));
        this.gateway = new FcmPushGateway(WebClient.builder().build(), URI.create(this.google.baseUrl()), "healthid-test",
                FcmPushGateway.ServiceAccount.read(file, json), this.clock, Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        this.google.stop();
    }

    @Test
    void sendWhenTokenValidThenDataMessageWithChallengeIdOnlyAndTokenReused() throws Exception {
        this.gateway.send("device-registration-token", "challenge-1").block(Duration.ofSeconds(10));
        this.gateway.send("device-registration-token", "challenge-2").block(Duration.ofSeconds(10));

        this.google.verify(1, postRequestedFor(urlEqualTo("/token"))
            .withRequestBody(containing("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer")));
        this.google.verify(2, postRequestedFor(urlEqualTo("/v1/projects/healthid-test/messages:send"))
            .withHeader("Authorization", equalTo("Bearer ya29.test-token")));
        this.google.verify(postRequestedFor(urlEqualTo("/v1/projects/healthid-test/messages:send"))
            .withRequestBody(equalToJson("{\"message\":{\"token\":\"device-registration-token\",\"data\":{\"challengeId\":\"challenge-1\"}}}",
                    true, true)));

        String form = this.google.findAll(postRequestedFor(urlEqualTo("/token"))).get(0).getBodyAsString();
        String assertion = URLDecoder.decode(form.replaceAll(".*assertion=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        SignedJWT jwt = SignedJWT.parse(assertion);
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) this.serviceAccountKey.getPublic()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("push@healthid-test.iam.example");
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly(this.google.baseUrl() + "/token");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    }

    @Test
    void sendWhenTokenNearExpiryThenNewTokenFetched() {
        this.gateway.send("t", "c1").block(Duration.ofSeconds(10));
        this.clock.advance(Duration.ofMinutes(59));
        this.gateway.send("t", "c2").block(Duration.ofSeconds(10));
        this.google.verify(2, postRequestedFor(urlEqualTo("/token")));
    }

    @Test
    void sendWhenFcmRefusesThenPushFailed() {
        this.google.stubFor(post(urlEqualTo("/v1/projects/healthid-test/messages:send"))
            .willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"status\":\"NOT_FOUND\"}}")));
        assertThatThrownBy(() -> this.gateway.send("unregistered", "c").block(Duration.ofSeconds(10)))
            .isInstanceOf(PushFailedException.class);
    }
}
