package io.healthid.demo.logout;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.healthid.demo.config.SecurityConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The demo's back-channel logout receiver (OIDC Back-Channel Logout 1.0 2.6) against logout tokens signed by a key
 * the test publishes as the identity provider's JWKS: a valid one is accepted, each broken rule is refused with 400.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "demo.outbox.smtp-port=0")
class BackchannelLogoutReceiverTest {

    static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    static final RSAKey IDP_KEY = newKey("idp-key");
    static final RSAKey OTHER_KEY = newKey("idp-key");
    static final HttpServer JWKS = jwksServer();
    static final String ISSUER = "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/issuer";

    @LocalServerPort
    int port;

    @TestConfiguration
    static class StaticRegistration {

        @Bean
        @Primary
        ReactiveClientRegistrationRepository testRegistrations() {
            return new InMemoryReactiveClientRegistrationRepository(ClientRegistration.withRegistrationId("psc")
                .clientId("client-demo").clientSecret("client-demo-secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://localhost:8081/login/oauth2/code/psc")
                .scope("openid", "scope_all")
                .authorizationUri(ISSUER + "/auth").tokenUri(ISSUER + "/token").userInfoUri(ISSUER + "/userinfo")
                .jwkSetUri(ISSUER + "/certs").issuerUri(ISSUER).userNameAttributeName("sub")
                .build());
        }
    }

    @AfterAll
    static void stopJwks() {
        JWKS.stop(0);
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenLogoutTokenValidThenOk() {
        post(sign(IDP_KEY, claims(claims -> { }), "logout+jwt")).expectStatus().isOk();
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenSignedByAnotherKeyThenBadRequest() {
        post(sign(OTHER_KEY, claims(claims -> { }), "logout+jwt")).expectStatus().isBadRequest();
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenIssuerOrAudienceNotOursThenBadRequest() {
        post(sign(IDP_KEY, claims(claims -> claims.issuer("http://elsewhere/issuer")), "logout+jwt")).expectStatus().isBadRequest();
        post(sign(IDP_KEY, claims(claims -> claims.audience("another-client")), "logout+jwt")).expectStatus().isBadRequest();
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenEventMissingOrNonceSentThenBadRequest() {
        post(sign(IDP_KEY, claims(claims -> claims.claim("events", null)), "logout+jwt")).expectStatus().isBadRequest();
        post(sign(IDP_KEY, claims(claims -> claims.claim("events", Map.of("http://schemas.openid.net/event/other", Map.of()))),
                "logout+jwt")).expectStatus().isBadRequest();
        post(sign(IDP_KEY, claims(claims -> claims.claim("nonce", "n-1")), "logout+jwt")).expectStatus().isBadRequest();
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenNeitherSidNorSubThenBadRequest() {
        post(sign(IDP_KEY, claims(claims -> claims.subject(null).claim("sid", null)), "logout+jwt")).expectStatus().isBadRequest();
    }

    @Test
    @Tag("OIDC-BCL-2.6")
    void receiveWhenNoTokenOrGarbageThenBadRequest() {
        client().post().uri(SecurityConfiguration.BACKCHANNEL_LOGOUT_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("logout_token", "not-a-jwt")).exchange().expectStatus().isBadRequest();
    }

    private WebTestClient.ResponseSpec post(String logoutToken) {
        return client().post().uri(SecurityConfiguration.BACKCHANNEL_LOGOUT_PATH)
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData("logout_token", logoutToken))
            .exchange();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
            .issuer(ISSUER).audience("client-demo").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(120)))
            .jwtID(UUID.randomUUID().toString()).subject("f:provider:819990000010").claim("sid", "c2lkLW9mLXRoZS1zZXNzaW9u")
            .claim("events", Map.of(EVENT, Map.of()));
        change.accept(claims);
        return claims.build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims, String type) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(new JOSEObjectType(type)).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static RSAKey newKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static HttpServer jwksServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = new JWKSet(IDP_KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/issuer/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
