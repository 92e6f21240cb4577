package io.healthid.idp.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.keys.NativeSigners;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signing ceiling: JWTs of an access token's size signed per second with Nimbus, RS256 with a 2048-bit key and
 * ES256 on P-256, on every core of this machine; with the server's own signers ({@link NativeSigners}: AWS-LC where
 * it loads) and, for comparison with earlier reports, with the JDK's.
 */
final class SigningCeiling {

    private SigningCeiling() {
    }

    /** @return signatures per second: {RS256, ES256} with the server's signers, then {RS256, ES256} with the JDK's */
    static double[] measure(Duration each) throws Exception {
        RSAKey rsaKey = new RSAKeyGenerator(2048).generate();
        ECKey ecKey = new ECKeyGenerator(Curve.P_256).generate();
        NativeSigners server = NativeSigners.detect();
        NativeSigners jdk = NativeSigners.jdk();
        JWSSigner[] signers = {server.signerFor(rsaKey), server.signerFor(ecKey), jdk.signerFor(rsaKey), jdk.signerFor(ecKey)};
        JWSAlgorithm[] algorithms = {JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.ES256};
        int threads = Runtime.getRuntime().availableProcessors();
        double[] rates = new double[signers.length];
        for (int i = 0; i < signers.length; i++) {
            rate(signers[i], algorithms[i], threads, Duration.ofSeconds(2)); // warm-up
            rates[i] = rate(signers[i], algorithms[i], threads, each);
        }
        return rates;
    }

    private static double rate(JWSSigner signer, JWSAlgorithm algorithm, int threads, Duration duration) throws Exception {
        AtomicLong signed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    sign(signer, algorithm);
                    signed.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        return signed.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void sign(JWSSigner signer, JWSAlgorithm algorithm) throws JOSEException {
        Date now = new Date();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID("bench").build(), new JWTClaimsSet.Builder()
            .issuer("http://localhost:8080/auth/realms/esante-wallet").subject("client-demo").audience("client-demo")
            .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + 120_000))
            .jwtID(UUID.randomUUID().toString()).claim("scope", "openid scope_all").build());
        jwt.sign(signer);
        jwt.serialize();
    }
}
