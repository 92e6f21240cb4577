package io.healthid.idp.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signing ceiling: JWTs of an access token's size signed per second with Nimbus (what the server signs with),
 * RS256 with a 2048-bit key and ES256 on P-256, on every core of this machine.
 */
final class SigningCeiling {

    private SigningCeiling() {
    }

    /** @return signatures per second: {RS256, ES256} */
    static double[] measure(Duration each) throws Exception {
        JWSSigner rsa = new RSASSASigner(new RSAKeyGenerator(2048).generate());
        JWSSigner ec = new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate());
        int threads = Runtime.getRuntime().availableProcessors();
        rate(rsa, JWSAlgorithm.RS256, threads, Duration.ofSeconds(2)); // warm-up
        rate(ec, JWSAlgorithm.ES256, threads, Duration.ofSeconds(2));
        return new double[] {rate(rsa, JWSAlgorithm.RS256, threads, each), rate(ec, JWSAlgorithm.ES256, threads, each)};
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
