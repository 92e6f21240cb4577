package io.healthid.idp.protocol.clientauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import io.healthid.idp.testsupport.IdpIntegrationTest;
import io.healthid.idp.testsupport.RelyingParty;
import io.healthid.idp.testsupport.RelyingPartyJwks;
import io.healthid.idp.testsupport.ServerPort;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** private_key_jwt assertions: a jti, used once, short-lived, addressed to us (OIDC Core 9, RFC 7523 3). */
@IdpIntegrationTest
@Tag("OIDC-Core-9")
class ClientAssertionRulesTest {

    private final RelyingParty rp = new RelyingParty(ServerPort.PORT);

    @BeforeAll
    static void publishKeys() {
        RelyingPartyJwks.start();
    }

    private String tokenEndpoint() {
        return this.rp.issuer() + "/protocol/openid-connect/token";
    }

    private static JWTClaimsSet.Builder claims(String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("jwt-app").subject("jwt-app").audience(audience)
            .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)));
    }

    private WebTestClient.ResponseSpec token(String assertion) {
        return this.rp.token(Map.of("grant_type", "client_credentials", "client_id", "jwt-app",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion), null, null);
    }

    @Test
    void tokenWhenAssertionReusedThenSecondUseInvalidClient() throws Exception {
        String assertion = RelyingPartyJwks.sign(claims(tokenEndpoint()).build());
        token(assertion).expectStatus().isOk();
        token(assertion).expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenAssertionWithoutJtiThenInvalidClient() throws Exception {
        token(RelyingPartyJwks.sign(claims(tokenEndpoint()).jwtID(null).build()))
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    void tokenWhenAssertionValidForTenYearsThenInvalidClient() throws Exception {
        Date tenYears = Date.from(Instant.now().plus(Duration.ofDays(3650)));
        token(RelyingPartyJwks.sign(claims(tokenEndpoint()).expirationTime(tenYears).build()))
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
    }

    @Test
    @Tag("RFC7523-3")
    void tokenWhenAssertionAddressedToIntrospectionThenInvalidClientButIssuerAudienceAccepted() throws Exception {
        token(RelyingPartyJwks.sign(claims(tokenEndpoint() + "/introspect").build()))
            .expectStatus().isUnauthorized().expectBody().jsonPath("$.error").isEqualTo("invalid_client");
        token(RelyingPartyJwks.sign(claims(this.rp.issuer()).build())).expectStatus().isOk();
    }

    @Test
    @Tag("RFC6749-5.2")
    void tokenWhenClientUnknownOrSecretWrongThenSameAnswer() {
        String unknown = this.rp.token(Map.of("grant_type", "client_credentials"), "no-such-client", "whatever")
            .expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();
        String wrongSecret = this.rp.token(Map.of("grant_type", "client_credentials"), RelyingParty.DEMO_CLIENT, "wrong")
            .expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();
        // the same answer but for the request's own correlation id
        assertThat(withoutCorrelationId(unknown)).isEqualTo(withoutCorrelationId(wrongSecret)).contains("invalid_client");
    }

    private static String withoutCorrelationId(String body) {
        return body.replaceAll(",\\s*\"correlation_id\"\\s*:\\s*\"[^\"]*\"", "");
    }
}
