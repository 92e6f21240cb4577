package io.healthid.idp.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.UUID;

/**
 * A relying party's own key and JWKS endpoint, on loopback, for {@code private_key_jwt} (RFC 7523): the server fetches
 * the JWKS from it like it would from a real client's site.
 */
public final class RelyingPartyJwks {

    private static RSAKey key;
    private static HttpServer server;

    private RelyingPartyJwks() {
    }

    public static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            key = new RSAKeyGenerator(2048).keyID("rp-key-1").generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", ServerPort.RP_JWKS_PORT), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An assertion signed with the client's key, with whatever claims a test needs (or lacks). */
    public static String sign(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A client assertion for {@code clientId} addressed to the token endpoint. */
    public static String assertion(String clientId, String audience) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
            .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
            .expirationTime(new Date(System.currentTimeMillis() + 60_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
