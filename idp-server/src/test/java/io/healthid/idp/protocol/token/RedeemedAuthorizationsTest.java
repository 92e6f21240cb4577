package io.healthid.idp.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The replay defence's read of a refresh token's authorization serves SAS's provider once, then the store again. */
class RedeemedAuthorizationsTest {

    private final InMemoryOAuth2AuthorizationService store = new InMemoryOAuth2AuthorizationService();
    private final RedeemedAuthorizations redeemed = new RedeemedAuthorizations(this.store);

    @Test
    void findByTokenWhenHandedOverThenServedOnceWithoutTheStore() {
        OAuth2Authorization read = authorization("refresh-1");

        this.redeemed.handOver("refresh-1", read);

        assertThat(this.redeemed.forProviders().findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isSameAs(read);
        // taken once: the next lookup is the store's answer (here: not stored, as after a revocation)
        assertThat(this.redeemed.forProviders().findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
    }

    @Test
    void findByTokenWhenReleasedThenReadFromTheStore() {
        OAuth2Authorization stored = authorization("refresh-2");
        this.store.save(stored);
        this.redeemed.handOver("refresh-2", authorization("refresh-2"));

        this.redeemed.release("refresh-2");

        assertThat(this.redeemed.forProviders().findByToken("refresh-2", OAuth2TokenType.REFRESH_TOKEN).getId())
            .isEqualTo(stored.getId());
    }

    private static OAuth2Authorization authorization(String refreshToken) {
        RegisteredClient client = RegisteredClient.withId("client-id").clientId("client-demo")
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).build();
        Instant now = Instant.parse("2026-12-01T08:00:00Z");
        return OAuth2Authorization.withRegisteredClient(client).principalName("someone")
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plusSeconds(60))).build();
    }
}
