package io.healthid.idp.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.healthid.idp.model.PractitionerAuthentication;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

@ExtendWith(OutputCaptureExtension.class)
class RedisOAuth2AuthorizationServiceTests {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType("id_token");

    private static LettuceConnectionFactory connectionFactory;
    private static StringRedisTemplate redis;
    private static RedisOAuth2AuthorizationService service;

    @BeforeAll
    static void connect() {
        connectionFactory = RedisNodes.connectionFactory();
        redis = RedisNodes.template(connectionFactory);
        // nothing kept decoded: what these tests find went through Redis and the codec
        service = new RedisOAuth2AuthorizationService(redis, new AuthorizationJsonCodec(),
                new AuthorizationTimeToLive(Clock.systemUTC()), 0);
    }

    private static RedisOAuth2AuthorizationService remembering() {
        return new RedisOAuth2AuthorizationService(redis, new AuthorizationJsonCodec(),
                new AuthorizationTimeToLive(Clock.systemUTC()), 10);
    }

    @Test
    void findByTokenWhenThisNodeWroteTheDocumentThenTheWrittenAuthorizationWithoutDecoding() {
        RedisOAuth2AuthorizationService node = remembering();
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        node.save(authorization);

        assertThat(node.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN)).isSameAs(authorization);
    }

    @Test
    void findByTokenWhenOtherAuthorizationsWereRewrittenSinceThenStillNotDecodedAgain() {
        RedisOAuth2AuthorizationService node = remembering();
        OAuth2Authorization kept = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        node.save(kept);
        OAuth2Authorization busy = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        for (int refresh = 0; refresh < 20; refresh++) {
            busy = TestAuthorizations.refreshed(busy);
            node.save(busy);
        }

        // twenty rewrites of one authorization take one place, not twenty, among the ten this node remembers
        assertThat(node.findByToken(kept.getAccessToken().getToken().getTokenValue(), OAuth2TokenType.ACCESS_TOKEN))
            .isSameAs(kept);
        assertThat(node.findById(busy.getId())).isSameAs(busy);
    }

    @Test
    void findByTokenWhenClientCredentialsThenReadFromItsDocumentNotKept() {
        RedisOAuth2AuthorizationService node = remembering();
        OAuth2Authorization authorization = TestAuthorizations.clientCredentials();
        node.save(authorization);

        OAuth2Authorization found = node.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN);

        assertThat(found).isNotSameAs(authorization).usingRecursiveComparison().isEqualTo(authorization);
    }

    @Test
    void findByTokenWhenAnotherNodeWroteSinceThenItsVersionIsRead() {
        RedisOAuth2AuthorizationService nodeA = remembering();
        RedisOAuth2AuthorizationService nodeB = remembering();
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        nodeA.save(tokenStage);
        OAuth2Authorization refreshed = TestAuthorizations.refreshed(tokenStage);
        nodeB.save(refreshed);

        OAuth2Authorization found = nodeA.findById(tokenStage.getId());

        assertThat(found).isNotSameAs(refreshed).usingRecursiveComparison().isEqualTo(refreshed);
    }

    @Test
    void findByTokenWhenRevokedOnAnotherNodeThenNotFoundHereEither() {
        RedisOAuth2AuthorizationService nodeA = remembering();
        RedisOAuth2AuthorizationService nodeB = remembering();
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        nodeA.save(authorization);

        nodeB.remove(authorization);

        assertThat(nodeA.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN)).isNull();
    }

    @AfterAll
    static void disconnect() {
        connectionFactory.destroy();
    }

    @Test
    void findByIdWhenSavedWithTokensThenEqualToSaved() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        service.save(authorization);

        OAuth2Authorization found = service.findById(authorization.getId());
        assertThat(found).isEqualTo(authorization);
        assertThat(found).usingRecursiveComparison().isEqualTo(authorization);
    }

    @Test
    void findByIdWhenCodeExchangedForTokensThenLatestVersionFound() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        service.save(codeStage);
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);

        service.save(tokenStage);

        assertThat(service.findById(codeStage.getId())).usingRecursiveComparison().isEqualTo(tokenStage);
    }

    @Test
    void findByIdWhenUnknownThenNull() {
        assertThat(service.findById("no-such-authorization")).isNull();
    }

    @Test
    void findByTokenWhenTypeGivenThenEachTokenFindsItsAuthorization() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        service.save(authorization);

        assertThat(service.findByToken(valueOf(authorization, OAuth2AuthorizationCode.class), CODE))
            .isEqualTo(authorization);
        assertThat(service.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN))
            .isEqualTo(authorization);
        assertThat(service.findByToken(authorization.getRefreshToken().getToken().getTokenValue(),
                OAuth2TokenType.REFRESH_TOKEN))
            .isEqualTo(authorization);
        assertThat(service.findByToken(valueOf(authorization, OidcIdToken.class), ID_TOKEN)).isEqualTo(authorization);
    }

    @Test
    void findByTokenWhenTypeNullThenEveryTokenFindsItsAuthorization() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        service.save(authorization);

        for (String token : List.of(valueOf(authorization, OAuth2AuthorizationCode.class),
                authorization.getAccessToken().getToken().getTokenValue(),
                authorization.getRefreshToken().getToken().getTokenValue(), valueOf(authorization, OidcIdToken.class))) {
            assertThat(service.findByToken(token, null)).isEqualTo(authorization);
        }
    }

    @Test
    void findByTokenWhenTokenOfAnotherTypeThenNull() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        service.save(authorization);

        assertThat(service.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                OAuth2TokenType.REFRESH_TOKEN))
            .isNull();
        assertThat(service.findByToken(authorization.getAccessToken().getToken().getTokenValue(),
                new OAuth2TokenType("unknown_type")))
            .isNull();
    }

    @Test
    void findByTokenWhenAwaitingConsentThenFoundByStateWithOrWithoutType() {
        OAuth2Authorization authorization = TestAuthorizations.awaitingConsent();
        service.save(authorization);
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);

        assertThat(service.findByToken(state, STATE)).isEqualTo(authorization);
        assertThat(service.findByToken(state, null)).isEqualTo(authorization);
    }

    @Test
    void findByTokenWhenConsentGivenThenStateNoLongerFindsIt() {
        OAuth2Authorization awaitingConsent = TestAuthorizations.awaitingConsent();
        service.save(awaitingConsent);
        String state = awaitingConsent.getAttribute(OAuth2ParameterNames.STATE);
        OAuth2Authorization consented = OAuth2Authorization.from(awaitingConsent)
            .token(TestAuthorizations.withCode().getToken(OAuth2AuthorizationCode.class).getToken())
            .attributes(attributes -> attributes.remove(OAuth2ParameterNames.STATE))
            .build();

        service.save(consented);

        assertThat(service.findByToken(state, STATE)).isNull();
        assertThat(redis.hasKey(AuthorizationKeys.tokenIndex("state", state))).isFalse();
    }

    @Test
    void findByTokenWhenRefreshTokenRotatedThenOldValueNotFound() {
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        service.save(tokenStage);
        OAuth2Authorization refreshed = TestAuthorizations.refreshed(tokenStage);

        service.save(refreshed);

        String oldRefreshToken = tokenStage.getRefreshToken().getToken().getTokenValue();
        String oldAccessToken = tokenStage.getAccessToken().getToken().getTokenValue();
        assertThat(service.findByToken(oldRefreshToken, OAuth2TokenType.REFRESH_TOKEN)).isNull();
        assertThat(service.findByToken(oldRefreshToken, null)).isNull();
        assertThat(service.findByToken(oldAccessToken, null)).isNull();
        assertThat(redis.hasKey(AuthorizationKeys.tokenIndex("refresh_token", oldRefreshToken))).isFalse();
        assertThat(redis.hasKey(AuthorizationKeys.tokenIndex("access_token", oldAccessToken))).isFalse();
        assertThat(service.findByToken(refreshed.getRefreshToken().getToken().getTokenValue(),
                OAuth2TokenType.REFRESH_TOKEN))
            .isEqualTo(refreshed);
    }

    @Test
    void saveWhenTokensIssuedThenEveryKeyLivesUntilRefreshTokenExpiry() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        service.save(authorization);

        long expected = TestAuthorizations.REFRESH_TOKEN_LIFETIME.plus(AuthorizationTimeToLive.MARGIN).toSeconds();
        for (String key : keysOf(authorization)) {
            assertThat(redis.getExpire(key)).as(key).isCloseTo(expected, within(5L));
        }
    }

    @Test
    void saveWhenOnlyCodeThenKeysLiveForCodeLifetime() {
        OAuth2Authorization authorization = TestAuthorizations.withCode();

        service.save(authorization);

        long expected = TestAuthorizations.CODE_LIFETIME.plus(AuthorizationTimeToLive.MARGIN).toSeconds();
        for (String key : keysOf(authorization)) {
            assertThat(redis.getExpire(key)).as(key).isCloseTo(expected, within(5L));
        }
    }

    @Test
    void saveWhenAwaitingConsentThenKeysLiveTenMinutes() {
        OAuth2Authorization authorization = TestAuthorizations.awaitingConsent();

        service.save(authorization);

        long expected = Duration.ofMinutes(10).plus(AuthorizationTimeToLive.MARGIN).toSeconds();
        for (String key : keysOf(authorization)) {
            assertThat(redis.getExpire(key)).as(key).isCloseTo(expected, within(5L));
        }
    }

    @Test
    void saveThenNoRawTokenValueInAnyKeyName() {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());

        service.save(authorization);

        Set<String> keys = authzKeys();
        for (String token : List.of(valueOf(authorization, OAuth2AuthorizationCode.class),
                authorization.getAccessToken().getToken().getTokenValue(),
                authorization.getRefreshToken().getToken().getTokenValue(), valueOf(authorization, OidcIdToken.class))) {
            assertThat(keys).noneMatch(key -> key.contains(token));
        }
    }

    @Test
    void removeThenNothingLeftButTombstone() {
        Set<String> before = authzKeys();
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        service.save(codeStage);
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);
        service.save(tokenStage);
        long recordTtl = redis.getExpire(AuthorizationKeys.record(tokenStage.getId()));

        service.remove(tokenStage);

        Set<String> left = authzKeys();
        left.removeAll(before);
        String tombstone = AuthorizationKeys.tombstone(tokenStage.getId());
        assertThat(left).containsExactly(tombstone);
        assertThat(redis.getExpire(tombstone)).isCloseTo(recordTtl, within(5L));
        assertThat(service.findById(tokenStage.getId())).isNull();
        assertThat(service.findByToken(tokenStage.getRefreshToken().getToken().getTokenValue(), null)).isNull();
    }

    @Test
    void removeWhenCallerHoldsOlderVersionThenIndexesOfStoredVersionRemovedToo() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        service.save(codeStage);
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);
        service.save(tokenStage);

        service.remove(codeStage);

        assertThat(service.findByToken(tokenStage.getAccessToken().getToken().getTokenValue(), null)).isNull();
        assertThat(keysOf(tokenStage)).noneMatch(redis::hasKey);
    }

    @Test
    void removeAllOfWhenPrincipalHoldsSeveralAuthorizationsThenEachRemovedForGoodAndOthersKept() {
        String person = "8997" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        OAuth2Authorization withTokens = TestAuthorizations.withTokens(TestAuthorizations.withCode(TestAuthorizations.practitioner(person)));
        OAuth2Authorization withCode = TestAuthorizations.withCode(TestAuthorizations.practitioner(person));
        OAuth2Authorization someoneElses = TestAuthorizations.withCode();
        service.save(withTokens);
        service.save(withCode);
        service.save(someoneElses);

        assertThat(service.removeAllOf(person)).isEqualTo(2);

        assertThat(service.findById(withTokens.getId())).isNull();
        assertThat(service.findById(withCode.getId())).isNull();
        assertThat(service.findByToken(withTokens.getRefreshToken().getToken().getTokenValue(), null)).isNull();
        assertThatThrownBy(() -> service.save(withTokens)).isInstanceOf(RevokedAuthorizationException.class);
        assertThat(service.findById(someoneElses.getId())).isNotNull();
        assertThat(service.removeAllOf(person)).isZero();
        assertThat(redis.hasKey(AuthorizationKeys.principal(person))).as("the emptied index").isFalse();
    }

    @Test
    void saveWhenRemovedThenRefusedAndNothingWritten() {
        OAuth2Authorization codeStage = TestAuthorizations.withCode();
        service.save(codeStage);
        service.remove(codeStage);
        OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);

        assertThatThrownBy(() -> service.save(tokenStage)).isInstanceOf(RevokedAuthorizationException.class)
            .satisfies(ex -> assertThat(((RevokedAuthorizationException) ex).getError().getErrorCode())
                .isEqualTo("invalid_grant"));

        assertThat(service.findById(codeStage.getId())).isNull();
        assertThat(keysOf(tokenStage)).noneMatch(redis::hasKey);
    }

    @Test
    void removeWhenRacingSaveOfNewTokensThenAuthorizationGoneWhateverTheOrder() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                OAuth2Authorization codeStage = TestAuthorizations.withCode();
                service.save(codeStage);
                OAuth2Authorization tokenStage = TestAuthorizations.withTokens(codeStage);
                CountDownLatch start = new CountDownLatch(1);
                Future<?> revocation = nodes.submit(() -> {
                    start.await();
                    service.remove(codeStage);
                    return null;
                });
                Future<?> tokenRequest = nodes.submit(() -> {
                    start.await();
                    try {
                        service.save(tokenStage);
                    }
                    catch (RevokedAuthorizationException refusedBecauseRevokedFirst) {
                        // the other possible order
                    }
                    return null;
                });
                start.countDown();
                revocation.get();
                tokenRequest.get();

                assertThat(service.findById(codeStage.getId())).isNull();
                assertThat(keysOf(tokenStage)).noneMatch(redis::hasKey);
            }
        }
        finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void findByIdWhenRecordNamesClassOutsideAllowlistThenNullAndWarned(CapturedOutput output) {
        OAuth2Authorization authorization = TestAuthorizations.withTokens(TestAuthorizations.withCode());
        service.save(authorization);
        String recordKey = AuthorizationKeys.record(authorization.getId());
        String json = (String) redis.opsForHash().get(recordKey, AuthorizationScripts.AUTHORIZATION_FIELD);
        redis.opsForHash().put(recordKey, AuthorizationScripts.AUTHORIZATION_FIELD,
                json.replace(PractitionerAuthentication.class.getName(), InstantiationCanary.class.getName()));

        assertThat(service.findById(authorization.getId())).isNull();
        assertThat(service.findByToken(authorization.getRefreshToken().getToken().getTokenValue(), null)).isNull();

        assertThat(InstantiationCanary.instantiated()).isFalse();
        assertThat(output).contains("WARN").contains(authorization.getId()).contains(InstantiationCanary.class.getName());
        assertThat(output).doesNotContain(authorization.getRefreshToken().getToken().getTokenValue())
            .doesNotContain(authorization.getAccessToken().getToken().getTokenValue());
    }

    private static String valueOf(OAuth2Authorization authorization, Class<? extends OAuth2Token> tokenClass) {
        return authorization.getToken(tokenClass).getToken().getTokenValue();
    }

    private static List<String> keysOf(OAuth2Authorization authorization) {
        List<String> keys = new ArrayList<>();
        keys.add(AuthorizationKeys.record(authorization.getId()));
        keys.addAll(AuthorizationKeys.tokenIndexes(authorization));
        return keys;
    }

    private static Set<String> authzKeys() {
        Set<String> keys = new HashSet<>();
        try (var cursor = redis.scan(ScanOptions.scanOptions().match("{authz}:*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        return keys;
    }
}
