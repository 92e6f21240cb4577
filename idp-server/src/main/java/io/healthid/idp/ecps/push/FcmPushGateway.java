package io.healthid.idp.ecps.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.healthid.idp.ecps.push.PushTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Firebase Cloud Messaging HTTP v1: {@code POST /v1/projects/{project}/messages:send} with a data message holding
 * only the challenge id, authorised by an OAuth access token obtained with the service account's signed assertion
 * (RFC 7523 JWT bearer grant) and reused until shortly before it expires.
 */
public class FcmPushGateway implements PushGateway {

    private static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final int MAX_TOKEN_LENGTH = 4096;

    /** The service account, as Google's JSON key file holds it. */
    public record ServiceAccount(String clientEmail, PrivateKey privateKey, URI tokenUri) {

        public static ServiceAccount read(Path file, JsonMapper json) {
            try {
                JsonNode node = json.readTree(Files.readString(file));
                String pem = node.path("private_key").asString();
                String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
                return new ServiceAccount(node.path("client_email").asString(), key, URI.create(node.path("token_uri").asString()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException("FCM service account file unreadable: " + file, ex);
            }
            catch (GeneralSecurityException | IllegalArgumentException ex) {
                throw new IllegalStateException("FCM service account key unusable in " + file, ex);
            }
        }
    }

    private record AccessToken(String value, Instant refreshAt) {
    }

    private final WebClient client;
    private final URI sendUri;
    private final ServiceAccount account;
    private final Clock clock;
    private final Duration timeout;
    private final AtomicReference<AccessToken> token = new AtomicReference<>();

    public FcmPushGateway(WebClient client, URI baseUrl, String projectId, ServiceAccount account, Clock clock, Duration timeout) {
        this.client = client;
        this.sendUri = URI.create(baseUrl.toString().replaceAll("/$", "") + "/v1/projects/" + projectId + "/messages:send");
        this.account = account;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public PushTarget.Type type() {
        return PushTarget.Type.FCM;
    }

    @Override
    public boolean accepts(String address) {
        return address != null && !address.isBlank() && address.length() <= MAX_TOKEN_LENGTH
                && address.chars().allMatch(c -> c > ' ' && c < 127);
    }

    @Override
    public Mono<Void> send(String address, String challengeId) {
        Map<String, Object> message = Map.of("message", Map.of("token", address, "data", Map.of("challengeId", challengeId),
                "android", Map.of("priority", "HIGH"),
                "apns", Map.of("headers", Map.of("apns-priority", "10"))));
        return accessToken()
            .flatMap(bearer -> this.client.post().uri(this.sendUri)
                .headers(headers -> headers.setBearerAuth(bearer))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(message)
                .retrieve()
                .toBodilessEntity())
            .timeout(this.timeout)
            .onErrorMap(ex -> !(ex instanceof PushFailedException),
                    ex -> new PushFailedException("FCM push failed: " + ex.getClass().getSimpleName(), ex))
            .then();
    }

    private Mono<String> accessToken() {
        AccessToken current = this.token.get();
        if (current != null && this.clock.instant().isBefore(current.refreshAt())) {
            return Mono.just(current.value());
        }
        return Mono.fromCallable(this::assertion)
            .flatMap(assertion -> this.client.post().uri(this.account.tokenUri())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("grant_type", JWT_BEARER).with("assertion", assertion))
                .retrieve()
                .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
                }))
            .map(body -> {
                Object value = body.get("access_token");
                if (!(value instanceof String accessToken)) {
                    throw new PushFailedException("FCM token endpoint gave no access token", null);
                }
                long expiresIn = body.get("expires_in") instanceof Number number ? number.longValue() : 3600;
                this.token.set(new AccessToken(accessToken, this.clock.instant().plusSeconds(Math.max(0, expiresIn - 60))));
                return accessToken;
            });
    }

    private String assertion() throws JOSEException {
        Instant now = this.clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
            .issuer(this.account.clientEmail())
            .audience(this.account.tokenUri().toString())
            .claim("scope", SCOPE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
            .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        jwt.sign(new RSASSASigner(this.account.privateKey()));
        return jwt.serialize();
    }
}
