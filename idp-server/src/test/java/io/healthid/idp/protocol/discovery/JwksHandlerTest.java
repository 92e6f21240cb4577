package io.healthid.idp.protocol.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.healthid.idp.keys.KeyProperties;
import io.healthid.idp.keys.SigningKeyRepository;
import io.healthid.idp.keys.SigningKeyService;
import io.healthid.idp.keys.TestDatabase;
import io.healthid.idp.testsupport.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class JwksHandlerTest {

    static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    SigningKeyService keys;
    WebTestClient client;

    @BeforeEach
    void startWithKeys() {
        TestDatabase.deleteAllKeys();
        KeyProperties properties = KeyProperties.defaults();
        SigningKeyRepository repository =
            new SigningKeyRepository(TestDatabase.connectionFactory(), TestDatabase.KEK);
        keys = new SigningKeyService(repository, properties, clock);
        keys.ensureKeys().block();
        keys.rotateNow().block();
        JwksHandler handler = new JwksHandler(keys, properties);
        client = WebTestClient.bindToRouterFunction(route(GET("/protocol/openid-connect/certs"), handler::handle))
            .build();
    }

    @Test
    void jwksListsEveryPublishedKeyWithoutAnyPrivateMember() throws Exception {
        String body = client.get().uri("/protocol/openid-connect/certs").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(String.class).returnResult().getResponseBody();

        List<Object> jwks = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(body), "keys");
        assertThat(jwks).hasSize(4).allSatisfy(jwk -> {
            Map<?, ?> members = (Map<?, ?>) jwk;
            List<String> names = members.keySet().stream().map(String::valueOf).toList();
            assertThat(names).doesNotContainAnyElementsOf(PRIVATE_MEMBERS).contains("kid", "alg");
            assertThat(members.get("use")).isEqualTo("sig");
        });
        assertThat(JWKSet.parse(body).getKeys()).noneMatch(jwk -> jwk.isPrivate());
    }

    @Test
    void jwksMayBeCachedForLessThanThePublishAhead() {
        client.get().uri("/protocol/openid-connect/certs").exchange()
            .expectHeader().cacheControl(CacheControl.maxAge(KeyProperties.DEFAULT_JWKS_MAX_AGE).cachePublic());

        assertThat(KeyProperties.DEFAULT_JWKS_MAX_AGE).isLessThan(KeyProperties.DEFAULT_PUBLISH_AHEAD);
    }
}
