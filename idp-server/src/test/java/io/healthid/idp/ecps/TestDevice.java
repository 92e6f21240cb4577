package io.healthid.idp.ecps;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.healthid.idp.testsupport.TestConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A phone, written only against the device API contract: its own P-256 key (the private part never sent), DPoP
 * proofs for each request, signed answers to challenges, and a webhook on loopback where pushes arrive.
 */
public final class TestDevice implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String issuer;
    private final WebTestClient http;
    private final ECKey key;
    private final HttpServer webhook;
    private final BlockingQueue<String> pushes = new LinkedBlockingQueue<>();
    private String deviceId;
    private String nationalId;
    private Duration clockOffset = Duration.ZERO;

    public TestDevice(String issuer) {
        this.issuer = issuer;
        this.http = WebTestClient.bindToServer(TestConnections.connector()).responseTimeout(Duration.ofSeconds(30)).build();
        try {
            this.key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            this.webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.webhook.createContext("/push", exchange -> {
            JsonNode body = JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            this.pushes.add(body.path("challengeId").asString());
            // what else the push carried: nothing personal is allowed
            if (body.size() != 1) {
                this.pushes.add("UNEXPECTED-FIELDS:" + body);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        this.webhook.start();
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + this.webhook.getAddress().getPort() + "/push";
    }

    public String deviceId() {
        return this.deviceId;
    }

    public String nationalId() {
        return this.nationalId;
    }

    public ECKey key() {
        return this.key;
    }

    /** Where the phone's clock stands compared with the real one (a phone without automatic time). */
    public void setClockOffset(Duration offset) {
        this.clockOffset = offset;
    }

    public EntityExchangeResult<String> startActivation(String nationalId) {
        return send("POST", "/ecps/v1/activations", Map.of("nationalId", nationalId), false);
    }

    /** Both codes as they arrived, then {@code POST /devices}. */
    public EntityExchangeResult<String> completeActivation(String activationId, String emailCode, String smsCode) {
        return register(Map.of("activationId", activationId, "emailCode", emailCode, "smsCode", smsCode), "android", "14", "2.3.0");
    }

    public EntityExchangeResult<String> register(Map<String, Object> proof, String platform, String osVersion, String appVersion) {
        Map<String, Object> body = new LinkedHashMap<>(proof);
        body.put("publicKey", this.key.toPublicJWK().toJSONObject());
        body.put("platform", platform);
        body.put("osVersion", osVersion);
        body.put("appVersion", appVersion);
        body.putIfAbsent("push", Map.of("type", "webhook", "url", webhookUrl()));
        EntityExchangeResult<String> result = send("POST", "/ecps/v1/devices", body, false);
        if (result.getStatus().value() == 201) {
            JsonNode created = json(result);
            this.deviceId = created.path("deviceId").asString();
            this.nationalId = created.path("nationalId").asString();
        }
        return result;
    }

    /** The next challenge id pushed to this phone. */
    public String nextPush() {
        try {
            String challengeId = this.pushes.poll(20, TimeUnit.SECONDS);
            if (challengeId == null) {
                throw new AssertionError("no push arrived");
            }
            return challengeId;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    public boolean hasPendingPush() {
        return !this.pushes.isEmpty();
    }

    public EntityExchangeResult<String> challenge(String challengeId) {
        return send("GET", "/ecps/v1/challenges/" + challengeId, null, true);
    }

    public EntityExchangeResult<String> approve(String challengeId, Integer number) {
        return answer(challengeId, signedAnswer(challengeId, "approve", number, this.key, this.deviceId));
    }

    public EntityExchangeResult<String> deny(String challengeId) {
        return answer(challengeId, signedAnswer(challengeId, "deny", null, this.key, this.deviceId));
    }

    public EntityExchangeResult<String> answer(String challengeId, String jws) {
        return send("POST", "/ecps/v1/challenges/" + challengeId, Map.of("response", jws), true);
    }

    /** An answer as the app makes it; tests pass another key or device id to forge one. */
    public String signedAnswer(String challengeId, String decision, Integer number, ECKey signingKey, String kid) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("challengeId", challengeId);
        claims.put("decision", decision);
        if (number != null) {
            claims.put("number", number);
        }
        claims.put("iat", now().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), new Payload(claims));
            jws.sign(new ECDSASigner(signingKey));
            return jws.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The phone's approval when it knows which number the browser shows. */
    public int pickNumber(JsonNode challenge, int browserNumber) {
        for (JsonNode n : challenge.path("numbers")) {
            if (n.asInt() == browserNumber) {
                return browserNumber;
            }
        }
        throw new AssertionError("the browser's number " + browserNumber + " is not among " + challenge.path("numbers"));
    }

    public EntityExchangeResult<String> listDevices() {
        return send("GET", "/ecps/v1/devices", null, true);
    }

    public EntityExchangeResult<String> revoke(String id) {
        return send("DELETE", "/ecps/v1/devices/" + id, null, true);
    }

    public EntityExchangeResult<String> send(String method, String path, Object body, boolean withProof) {
        return send(method, path, body, withProof ? dpop(method, this.issuer + path) : null);
    }

    public EntityExchangeResult<String> send(String method, String path, Object body, String proof) {
        WebTestClient.RequestBodySpec request = this.http.method(HttpMethod.valueOf(method))
            .uri(this.issuer + path);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        WebTestClient.RequestHeadersSpec<?> ready = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchange().expectBody(String.class).returnResult();
    }

    /** RFC 9449 section 4.2: typ dpop+jwt, ES256, the public jwk; htm, htu, iat, jti. */
    public String dpop(String method, String url) {
        return dpop(method, url, this.key, now(), UUID.randomUUID().toString());
    }

    public String dpop(String method, String url, ECKey signingKey, Instant iat, String jti) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt"))
                .jwk(signingKey.toPublicJWK()).build(),
                    new JWTClaimsSet.Builder().claim("htm", method).claim("htu", url).issueTime(Date.from(iat)).jwtID(jti).build());
            jwt.sign(new ECDSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public Instant now() {
        return Instant.now().plus(this.clockOffset);
    }

    public static JsonNode json(EntityExchangeResult<String> result) {
        return JSON.readTree(result.getResponseBody());
    }

    @Override
    public void close() {
        this.webhook.stop(0);
    }
}
