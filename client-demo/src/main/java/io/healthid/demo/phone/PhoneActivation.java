package io.healthid.demo.phone;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Activates a phone as the app does: a new P-256 key pair made on the phone, then {@code POST /devices} with the
 * proof of the person (both correspondence codes, or the code shown after a card login), the public key, what the
 * phone declares and its webhook.
 */
public class PhoneActivation {

    /** Whoever the person is: the codes of a correspondence activation, or the card's activation code. */
    public sealed interface Proof {
        Map<String, Object> fields();
    }

    public record CorrespondenceCodes(String activationId, String emailCode, String smsCode) implements Proof {
        @Override
        public Map<String, Object> fields() {
            return Map.of("activationId", this.activationId, "emailCode", this.emailCode, "smsCode", this.smsCode);
        }
    }

    public record CardCode(String activationCode) implements Proof {
        @Override
        public Map<String, Object> fields() {
            return Map.of("activationCode", this.activationCode);
        }
    }

    /** The phone once registered, or the identity provider's refusal. */
    public record Outcome(SimulatedPhone phone, ApiAnswer answer) {
    }

    private final DeviceApi api;
    private final Phones phones;
    private final String webhookRoot;

    /** @param webhookRoot the demo's public URL of {@link PushReceiver}, the phone's id appended */
    public PhoneActivation(DeviceApi api, Phones phones, String webhookRoot) {
        this.api = api;
        this.phones = phones;
        this.webhookRoot = webhookRoot;
    }

    public Mono<ApiAnswer> start(String nationalId) {
        return this.api.startActivation(nationalId);
    }

    public Mono<Outcome> register(Proof proof, DeviceDescription description) {
        String phoneId = this.phones.newId();
        return Mono.fromCallable(PhoneActivation::newKey)
            // key generation draws on the system's entropy: off the event loop
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(key -> {
                Map<String, Object> body = new LinkedHashMap<>(proof.fields());
                body.put("publicKey", key.toPublicJWK().toJSONObject());
                body.put("platform", description.platform());
                body.put("osVersion", description.osVersion());
                body.put("appVersion", description.appVersion());
                body.put("push", Map.of("type", "webhook", "url", this.webhookRoot + phoneId));
                return this.api.register(body).map(answer -> answer.status() == 201
                        ? new Outcome(this.phones.add(new SimulatedPhone(phoneId, key, answer.text("deviceId"),
                                answer.text("nationalId"), answer.instant("expiresAt"), description)), answer)
                        : new Outcome(null, answer));
            });
    }

    private static ECKey newKey() throws JOSEException {
        return new ECKeyGenerator(Curve.P_256).generate();
    }
}
