package io.healthid.idp.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.healthid.idp.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class SigningKeyServiceTest {

    static final KeyEncryptionKey KEK = TestDatabase.KEK;
    static final KeyProperties PROPERTIES = KeyProperties.defaults();
    static final Duration ROTATION = PROPERTIES.rotationPeriod();
    static final Duration PUBLISH_AHEAD = PROPERTIES.publishAhead();
    static final Duration RETENTION = PROPERTIES.retention();

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));

    @BeforeEach
    void emptyTable() {
        TestDatabase.deleteAllKeys();
    }

    /** A node of the cluster: its own snapshot, the shared database and clock. */
    SigningKeyService node() {
        return new SigningKeyService(
            new SigningKeyRepository(TestDatabase.connectionFactory(), KEK), PROPERTIES, clock);
    }

    @Test
    void firstStartCreatesOneRs256AndOneEs256KeyThatSignAtOnce() {
        SigningKeyService service = node();

        service.ensureKeys().block();

        assertThat(algorithmsOf(currentSigningKeys(service))).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(service.publishedKeys().getKeys()).hasSize(2)
            .allSatisfy(jwk -> {
                assertThat(jwk.getKeyUse().identifier()).isEqualTo("sig");
                assertThat(jwk.getAlgorithm()).isNotNull();
                assertThat(jwk.getKeyID()).isEqualTo(jwk.computeThumbprint().toString());
            });
        assertThat(rsaKey(service).size()).isEqualTo(2048);
    }

    @Test
    void ensureKeysWhenKeysExistThenCreatesNothing() {
        node().ensureKeys().block();

        node().ensureKeys().block();

        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key")).isEqualTo(2);
    }

    @Test
    void privateKeysAreNotStoredInClear() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        RSAKey rsa = rsaKey(service);

        byte[] stored = TestDatabase.encryptedPrivateKey(rsa.getKeyID());

        String storedAsText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedAsText).doesNotContain(rsa.getModulus().toString())
            .doesNotContain(rsa.getPrivateExponent().toString())
            .doesNotContain("\"d\"");
        assertThat(containsSequence(stored, rsa.getModulus().decode())).isFalse();
        assertThat(containsSequence(stored, rsa.getPrivateExponent().decode())).isFalse();
        assertThatThrownBy(() -> JWK.parse(new String(stored, StandardCharsets.UTF_8)))
            .isInstanceOf(ParseException.class);
    }

    @Test
    void storedKeysWithAnotherKeyEncryptionKeyFailLoudly() {
        node().ensureKeys().block();
        KeyEncryptionKey otherKek = KeyEncryptionKey.parse(Base64.getEncoder().encodeToString(new byte[32]));
        SigningKeyService misconfigured = new SigningKeyService(
            new SigningKeyRepository(TestDatabase.connectionFactory(), otherKek), PROPERTIES, clock);

        assertThatThrownBy(misconfigured::start)
            .isInstanceOf(KeyEncryptionKey.KeyDecryptionException.class)
            .hasMessageContaining("idp.keys.encryption-key is not the key it was stored with");
    }

    @Test
    void rotateIfDueBeforeTheRotationPeriodLessPublishAheadCreatesNothing() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        clock.advance(ROTATION.minus(PUBLISH_AHEAD).minusSeconds(1));

        service.rotateIfDue(clock.instant()).block();

        assertThat(service.publishedKeys().getKeys()).hasSize(2);
    }

    @Test
    void publishedKeysWhenSuccessorPendingThenListsBothButSignsWithOld() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        Set<String> firstKids = kidsOf(currentSigningKeys(service));
        clock.advance(ROTATION.minus(PUBLISH_AHEAD));

        service.rotateIfDue(clock.instant()).block();

        assertThat(service.publishedKeys().getKeys()).hasSize(4);
        assertThat(kidsOf(currentSigningKeys(service))).isEqualTo(firstKids);
    }

    @Test
    void successorSignsFromItsActivationAndPredecessorStaysPublishedUntilRetentionPasses() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        Set<String> firstKids = kidsOf(currentSigningKeys(service));
        clock.advance(ROTATION.minus(PUBLISH_AHEAD));
        service.rotateIfDue(clock.instant()).block();
        Set<String> allKids = kidsOf(service.publishedKeys().getKeys());

        clock.advance(PUBLISH_AHEAD.minusSeconds(1));
        assertThat(kidsOf(currentSigningKeys(service))).isEqualTo(firstKids);

        clock.advance(Duration.ofSeconds(1)); // the successors' signs_from: no database round trip needed
        Set<String> successorKids = kidsOf(currentSigningKeys(service));
        assertThat(successorKids).hasSize(2).doesNotContainAnyElementsOf(firstKids);

        service.rotateIfDue(clock.instant()).block(); // records the predecessors' retirement
        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key WHERE signs_until IS NOT NULL")).isEqualTo(2);
        assertThat(kidsOf(service.publishedKeys().getKeys())).isEqualTo(allKids);

        clock.advance(RETENTION.minusSeconds(1));
        service.refresh().block();
        assertThat(kidsOf(service.publishedKeys().getKeys())).isEqualTo(allKids);

        clock.advance(Duration.ofSeconds(1));
        service.refresh().block();
        assertThat(kidsOf(service.publishedKeys().getKeys())).isEqualTo(successorKids);
        assertThat(kidsOf(currentSigningKeys(service))).isEqualTo(successorKids);
    }

    @Test
    void twoNodesRacingRotateIfDueCreateExactlyOneSuccessor() {
        SigningKeyService first = node();
        SigningKeyService second = node();
        first.ensureKeys().block();
        clock.advance(ROTATION);

        Mono.when(
                first.rotateIfDue(clock.instant()).subscribeOn(Schedulers.parallel()),
                second.rotateIfDue(clock.instant()).subscribeOn(Schedulers.parallel()))
            .block();

        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key WHERE algorithm = 'RS256'")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key WHERE algorithm = 'ES256'")).isEqualTo(2);
        assertThat(kidsOf(first.publishedKeys().getKeys())).isEqualTo(kidsOf(second.publishedKeys().getKeys()));
    }

    @Test
    void twoNodesStartingTogetherCreateExactlyOneKeyPerAlgorithm() {
        SigningKeyService first = node();
        SigningKeyService second = node();

        Mono.when(
                first.ensureKeys().subscribeOn(Schedulers.parallel()),
                second.ensureKeys().subscribeOn(Schedulers.parallel()))
            .block();

        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key")).isEqualTo(2);
        assertThat(kidsOf(currentSigningKeys(first))).isEqualTo(kidsOf(currentSigningKeys(second)));
    }

    @Test
    void nodeThatLoadedTheSuccessorSwitchesToItWithoutReadingTheDatabaseAgain() {
        SigningKeyService rotating = node();
        SigningKeyService other = node();
        rotating.ensureKeys().block();
        clock.advance(ROTATION.minus(PUBLISH_AHEAD));
        rotating.rotateIfDue(clock.instant()).block();
        other.refresh().block();

        clock.advance(PUBLISH_AHEAD);

        assertThat(kidsOf(currentSigningKeys(other))).isEqualTo(kidsOf(currentSigningKeys(rotating)));
    }

    @Test
    void rotateNowPublishesSuccessorsThatSignAfterPublishAhead() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        Set<String> firstKids = kidsOf(currentSigningKeys(service));

        service.rotateNow().block();
        service.rotateNow().block(); // a successor is already announced: nothing more

        assertThat(service.publishedKeys().getKeys()).hasSize(4);
        assertThat(kidsOf(currentSigningKeys(service))).isEqualTo(firstKids);
        clock.advance(PUBLISH_AHEAD);
        assertThat(kidsOf(currentSigningKeys(service))).doesNotContainAnyElementsOf(firstKids).hasSize(2);
    }

    @Test
    void retireCompromisedUnpublishesTheKeyAtOnceAndSignsWithAReplacement() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        String compromised = rsaKey(service).getKeyID();

        service.retireCompromised(compromised).block();

        assertThat(kidsOf(service.publishedKeys().getKeys())).doesNotContain(compromised).hasSize(2);
        assertThat(rsaKey(service).getKeyID()).isNotEqualTo(compromised);
        assertThat(kidsOf(currentSigningKeys(service))).hasSize(2);
    }

    @Test
    void retireCompromisedWhenUnknownKidThenFails() {
        SigningKeyService service = node();
        service.ensureKeys().block();

        assertThatThrownBy(() -> service.retireCompromised("no-such-kid").block())
            .hasMessageContaining("No signing key no-such-kid");
        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key")).isEqualTo(2);
    }

    @Test
    void retireCompromisedWhenSuccessorPendingThenReplacementSignsUntilTheSuccessorTakesOver() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        service.rotateNow().block();
        String successor = kidsOf(service.publishedKeys().getKeys()).stream()
            .filter(kid -> !kidsOf(currentSigningKeys(service)).contains(kid) && isRsa(service, kid))
            .findFirst().orElseThrow();
        service.retireCompromised(rsaKey(service).getKeyID()).block();
        String replacement = rsaKey(service).getKeyID();

        clock.advance(PUBLISH_AHEAD);
        service.rotateIfDue(clock.instant()).block();

        assertThat(rsaKey(service).getKeyID()).isEqualTo(successor);
        assertThat(TestDatabase.count("SELECT count(*) FROM signing_key WHERE kid = '" + replacement
            + "' AND signs_until IS NOT NULL AND published_until IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void verificationKeysAcceptATokenOfARetiredKeyUntilItIsUnpublished() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        String token = new SigningJwtEncoder(service, NativeSigners.detect()).encode(JwtEncoderParameters.from(
            JwtClaimsSet.builder().subject("899700218896").build())).getTokenValue();
        NimbusReactiveJwtDecoder decoder = PublishedKeySelector.decoder(service, NativeSigners.detect());
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // no exp in this token

        service.rotateNow().block();
        clock.advance(PUBLISH_AHEAD);
        service.rotateIfDue(clock.instant()).block();
        clock.advance(RETENTION.minusSeconds(1));
        service.refresh().block();
        assertThat(decoder.decode(token).block().getSubject()).isEqualTo("899700218896");

        clock.advance(Duration.ofSeconds(1));
        service.refresh().block();
        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void firstStartKeysCreatedWhileTheContextIsBuiltAreThereWhenTheListenersStart() {
        SigningKeyService service = node();

        service.beginLoading(); // as the bean is created; returns before the keys exist
        service.start(); // as the context starts, before the web servers
        try {
            assertThat(algorithmsOf(currentSigningKeys(service))).containsExactlyInAnyOrder("RS256", "ES256");
            assertThat(service.getPhase()).as("before the web servers' phase").isLessThan(Integer.MAX_VALUE - 2048);
        }
        finally {
            service.stop();
        }
    }

    @Test
    void startedNodeReloadsEveryRefreshIntervalAndSeesAnotherNodesSuccessor() {
        KeyProperties fast = new KeyProperties(null, Duration.ofHours(1), Duration.ofSeconds(3), null,
            Duration.ofMillis(200), Duration.ofSeconds(1), null);
        SigningKeyService started = new SigningKeyService(
            new SigningKeyRepository(TestDatabase.connectionFactory(), KEK), fast, clock);
        started.start();
        try {
            node().rotateNow().block();

            Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(started.publishedKeys().getKeys()).hasSize(4));
        }
        finally {
            started.stop();
        }
    }

    /** Every algorithm, signed by AWS-LC where it loads and by the JDK: the same tokens for a relying party. */
    static Stream<Arguments> algorithmsAndSigners() {
        return Stream.of(SigningAlgorithm.values()).flatMap(algorithm -> Stream.of(
                Arguments.of(algorithm, NativeSigners.detect()), Arguments.of(algorithm, NativeSigners.jdk())));
    }

    @ParameterizedTest
    @MethodSource("algorithmsAndSigners")
    @Tag("RFC7515")
    void jwtSignedWithTheCurrentKeyVerifiesAgainstPublishedKeysWithItsKid(SigningAlgorithm algorithm,
            NativeSigners signers) throws Exception {
        SigningKeyService service = node();
        service.ensureKeys().block();
        clock.advance(ROTATION.minus(PUBLISH_AHEAD));
        service.rotateIfDue(clock.instant()).block(); // a pending successor of the same algorithm is published too
        SigningJwtEncoder encoder = new SigningJwtEncoder(service, signers);
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("https://idp.example").subject("899700218896")
            .audience(List.of("client-demo")).issuedAt(clock.instant()).expiresAt(clock.instant().plusSeconds(120))
            .claim("auth_time", clock.instant().minusSeconds(30))
            .claim("SubjectRefPro", Map.of("exercices", List.of(Map.of("codeProfession", "10"))))
            .build();

        String token = encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.from(algorithm.name())).type("JWT").build(), claims))
            .getTokenValue();

        SignedJWT jwt = SignedJWT.parse(token);
        JWK signer = service.currentKey(algorithm).orElseThrow();
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(signer.getKeyID());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(algorithm.jwsAlgorithm());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        JWTClaimsSet verified = relyingPartyProcessor(service, algorithm.jwsAlgorithm()).process(jwt, null);
        assertThat(verified.getSubject()).isEqualTo("899700218896");
        assertThat(verified.getAudience()).containsExactly("client-demo");
        assertThat(verified.getIssueTime().toInstant()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        assertThat(verified.getLongClaim("auth_time")).isEqualTo(clock.instant().minusSeconds(30).getEpochSecond());
        assertThat(verified.getJSONObjectClaim("SubjectRefPro")).isEqualTo(
                Map.of("exercices", List.of(Map.of("codeProfession", "10"))));
    }

    /** Every algorithm, signed and verified by AWS-LC and by the JDK in each pairing. */
    static Stream<Arguments> algorithmsSignersAndVerifiers() {
        return algorithmsAndSigners().flatMap(signed -> Stream.of(NativeSigners.detect(), NativeSigners.jdk())
                .map(verifier -> Arguments.of(signed.get()[0], signed.get()[1], verifier)));
    }

    @ParameterizedTest
    @MethodSource("algorithmsSignersAndVerifiers")
    @Tag("RFC7515-5.2")
    void decodeWhenSignedByAPublishedKeyThenVerifiedAgainAndAgainAndAForgeryWithItsKidRefused(SigningAlgorithm algorithm,
            NativeSigners signers, NativeSigners verifiers) throws Exception {
        SigningKeyService service = node();
        service.ensureKeys().block();
        NimbusReactiveJwtDecoder decoder = PublishedKeySelector.decoder(service, verifiers);
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success()); // signatures only
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.from(algorithm.name())).build();
        SigningJwtEncoder encoder = new SigningJwtEncoder(service, signers);
        for (String subject : List.of("899700218896", "810000000011")) {
            String token = encoder.encode(JwtEncoderParameters.from(header,
                    JwtClaimsSet.builder().subject(subject).build())).getTokenValue();
            assertThat(decoder.decode(token).block().getSubject()).isEqualTo(subject);
        }

        // another key of the same algorithm, its header naming the published key's kid
        JWK published = service.currentKey(algorithm).orElseThrow();
        JWK other = algorithm.generator().keyID(published.getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(algorithm.jwsAlgorithm())
                .keyID(published.getKeyID()).build(), new JWTClaimsSet.Builder().subject("899700218896").build());
        forged.sign(signers.signerFor(other));
        assertThatThrownBy(() -> decoder.decode(forged.serialize()).block()).isInstanceOf(JwtException.class);
    }

    @Test
    @Tag("RFC8725-3.1")
    void decodeWhenHeaderNamesAnAlgorithmWeDoNotSignWithThenRefused() throws Exception {
        SigningKeyService service = node();
        service.ensureKeys().block();
        NimbusReactiveJwtDecoder decoder = PublishedKeySelector.decoder(service, NativeSigners.detect());
        decoder.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JWK rsa = service.currentKey(SigningAlgorithm.RS256).orElseThrow();
        SignedJWT rs384 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384)
                .keyID(rsa.getKeyID()).build(), new JWTClaimsSet.Builder().subject("899700218896").build());
        // the published key's own private part signs, with an algorithm the provider never uses
        rs384.sign(new RSASSASigner(rsa.toRSAKey()));

        assertThatThrownBy(() -> decoder.decode(rs384.serialize()).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void detectWhenLinuxOnX86_64ThenAwsLcSigns() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the build takes the provider's native library for this machine's kind: linux-x86_64 by default");

        assertThat(NativeSigners.detect().isNative()).isTrue();
    }

    @Test
    void encodeWhenHeaderNamesAKeyThatDoesNotSignNowThenRefused() {
        SigningKeyService service = node();
        service.ensureKeys().block();
        SigningJwtEncoder encoder = new SigningJwtEncoder(service, NativeSigners.detect());

        assertThatThrownBy(() -> encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).keyId("retired-or-unknown").build(),
                JwtClaimsSet.builder().subject("899700218896").build())))
            .isInstanceOf(JwtEncodingException.class).hasMessageContaining("does not sign now");
    }

    /** What a relying party does with the JWKS document. */
    private static DefaultJWTProcessor<SecurityContext> relyingPartyProcessor(SigningKeyService keys,
            JWSAlgorithm alg) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        ImmutableJWKSet<SecurityContext> jwks = new ImmutableJWKSet<>(keys.publishedKeys());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(alg, jwks));
        processor.setJWTClaimsSetVerifier((claims, context) -> { }); // signatures only: exp is in the test clock's time
        return processor;
    }

    private static List<JWK> currentSigningKeys(SigningKeyService service) {
        return Stream.of(SigningAlgorithm.values()).map(service::currentKey).flatMap(Optional::stream).toList();
    }

    private static boolean containsSequence(byte[] bytes, byte[] sequence) {
        // ISO-8859-1 maps each byte to one char: a byte sequence becomes a substring
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        return haystack.contains(new String(sequence, StandardCharsets.ISO_8859_1));
    }

    private static boolean isRsa(SigningKeyService service, String kid) {
        return service.publishedKeys().getKeyByKeyId(kid) instanceof RSAKey;
    }

    private static RSAKey rsaKey(SigningKeyService service) {
        return currentSigningKeys(service).stream().filter(RSAKey.class::isInstance).map(RSAKey.class::cast)
            .findFirst().orElseThrow();
    }

    private static Set<String> kidsOf(List<JWK> keys) {
        return keys.stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static List<String> algorithmsOf(List<JWK> keys) {
        return keys.stream().map(jwk -> jwk.getAlgorithm().getName()).toList();
    }
}
