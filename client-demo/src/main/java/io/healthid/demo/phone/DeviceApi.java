package io.healthid.demo.phone;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * The identity provider's e-CPS device API ({@code {issuer}/ecps/v1}, docs/ecps-device-api.openapi.yaml), called
 * as the app calls it: activation without proof, everything after with a DPoP proof signed by the device key.
 */
public class DeviceApi {

    private final WebClient http;
    private final String root;
    private final JsonMapper json;
    private final Duration timeout;

    /** @param issuer the identity provider's issuer: the API is under {@code {issuer}/ecps/v1} */
    public DeviceApi(WebClient http, String issuer, JsonMapper json, Duration timeout) {
        this.http = http;
        this.root = issuer + "/ecps/v1";
        this.json = json;
        this.timeout = timeout;
    }

    /** {@code POST /activations}: the identity provider sends one code by e-mail and one by SMS. */
    public Mono<ApiAnswer> startActivation(String nationalId) {
        return send(HttpMethod.POST, "/activations", Map.of("nationalId", nationalId), null);
    }

    /** {@code POST /devices}: the codes (or the card's activation code), the public key, versions and push target. */
    public Mono<ApiAnswer> register(Map<String, Object> body) {
        return send(HttpMethod.POST, "/devices", body, null);
    }

    /** {@code GET /challenges/{id}}: what the phone shows. */
    public Mono<ApiAnswer> challenge(ECKey key, String challengeId, Instant proofTime) {
        String path = "/challenges/" + challengeId;
        return send(HttpMethod.GET, path, null, DpopProof.create(key, "GET", this.root + path, proofTime));
    }

    /** {@code POST /challenges/{id}} with the signed answer. */
    public Mono<ApiAnswer> answer(ECKey key, String challengeId, String signedAnswer, Instant proofTime) {
        String path = "/challenges/" + challengeId;
        return send(HttpMethod.POST, path, Map.of("response", signedAnswer),
                DpopProof.create(key, "POST", this.root + path, proofTime));
    }

    private Mono<ApiAnswer> send(HttpMethod method, String path, Object body, String proof) {
        WebClient.RequestBodySpec request = this.http.method(method).uri(this.root + path).accept(MediaType.APPLICATION_JSON);
        if (proof != null) {
            request.header("DPoP", proof);
        }
        WebClient.RequestHeadersSpec<?> ready = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                .map(text -> new ApiAnswer(response.statusCode().value(), parse(text))))
            .timeout(this.timeout)
            .onErrorResume(ex -> Mono.just(ApiAnswer.unreachable()));
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return this.json.readTree(text);
        }
        catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
