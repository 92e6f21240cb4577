package io.healthid.idp.ecps.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.activation.ActivationStore;
import io.healthid.idp.ecps.push.PushDispatcher;
import io.healthid.idp.ecps.push.PushTarget;
import io.healthid.idp.model.ReasonCode;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * {@code POST /devices}: a phone that proves an activation (both correspondence codes, or the code shown after a card
 * login) registers its public key and push address. Everything else is checked first, so a refused request leaves
 * the codes usable; the codes are then consumed atomically, so they register one device at most.
 */
public class DeviceRegistration {

    /** The request body, as the phone sends it. */
    public record Request(String activationId, String emailCode, String smsCode, String activationCode,
            Map<String, Object> publicKey, String platform, String osVersion, String appVersion, Map<String, Object> push) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ActivationStore activations;
    private final DeviceRepository devices;
    private final VersionPolicy versions;
    private final PushDispatcher pushes;
    private final Duration lifetime;
    private final Clock clock;

    public DeviceRegistration(ActivationStore activations, DeviceRepository devices, VersionPolicy versions,
            PushDispatcher pushes, Duration lifetime, Clock clock) {
        this.activations = activations;
        this.devices = devices;
        this.versions = versions;
        this.pushes = pushes;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public Mono<Device> register(Request request) {
        return Mono.fromCallable(() -> validate(request))
            .flatMap(draft -> this.devices.findByThumbprint(draft.thumbprint())
                .flatMap(existing -> Mono.<Device>error(new EcpsRefusal(ReasonCode.ECPS_REPLAY)))
                .switchIfEmpty(Mono.defer(() -> redeem(request)
                    .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.ACTIVATION_CODE_INVALID, HttpStatus.BAD_REQUEST)))
                    .flatMap(redeemed -> this.devices.insert(draft.complete(redeemed.nationalId(), redeemed.means(),
                            this.clock.instant(), this.lifetime))))))
            // the same key registered twice at once: the loser is a replay
            .onErrorMap(DuplicateKeyException.class, ex -> new EcpsRefusal(ReasonCode.ECPS_REPLAY));
    }

    private record Redeemed(String nationalId, Device.ActivationMeans means) {
    }

    private Mono<Redeemed> redeem(Request request) {
        if (request.activationCode() != null) {
            return this.activations.redeemCardCode(request.activationCode().strip().toUpperCase(Locale.ROOT))
                .map(nationalId -> new Redeemed(nationalId, Device.ActivationMeans.CARD));
        }
        return this.activations.redeem(request.activationId(), request.emailCode(), request.smsCode())
            .map(nationalId -> new Redeemed(nationalId, Device.ActivationMeans.CORRESPONDENCE));
    }

    /** A device not yet tied to a person. */
    private record Draft(ECKey key, String thumbprint, Platform platform, String osVersion, String appVersion, PushTarget push) {

        Device complete(String nationalId, Device.ActivationMeans means, Instant now, Duration lifetime) {
            return new Device(newDeviceId(), nationalId, this.key, this.thumbprint, this.platform, this.osVersion,
                    this.appVersion, this.push, means, now, now.plus(lifetime), null);
        }
    }

    private Draft validate(Request request) {
        boolean correspondence = request.activationId() != null || request.emailCode() != null || request.smsCode() != null;
        if (correspondence == (request.activationCode() != null)
                || (correspondence && (request.activationId() == null || request.emailCode() == null || request.smsCode() == null))) {
            throw new IllegalArgumentException("either activationId, emailCode and smsCode, or activationCode");
        }
        Platform platform = Platform.fromWire(request.platform())
            .orElseThrow(() -> new IllegalArgumentException("platform"));
        if (!VersionPolicy.isVersion(request.osVersion()) || !VersionPolicy.isVersion(request.appVersion())) {
            throw new IllegalArgumentException("versions");
        }
        Optional<EcpsRefusal> tooOld = this.versions.check(platform, request.osVersion(), request.appVersion());
        if (tooOld.isPresent()) {
            throw tooOld.get();
        }
        ECKey key = publicKey(request.publicKey());
        PushTarget push = pushTarget(request.push());
        if (!this.pushes.accepts(push)) {
            throw new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE, HttpStatus.BAD_REQUEST);
        }
        try {
            return new Draft(key, key.computeThumbprint().toString(), platform, request.osVersion(), request.appVersion(), push);
        }
        catch (JOSEException ex) {
            throw new IllegalArgumentException("publicKey", ex);
        }
    }

    /** An EC P-256 public JWK; a private part is refused (it must never leave the phone). */
    static ECKey publicKey(Map<String, Object> jwk) {
        if (jwk == null) {
            throw new IllegalArgumentException("publicKey");
        }
        try {
            ECKey key = ECKey.parse(jwk);
            if (!Curve.P_256.equals(key.getCurve()) || key.isPrivate()) {
                throw new IllegalArgumentException("publicKey must be a public P-256 key");
            }
            return new ECKey.Builder(key.getCurve(), key.getX(), key.getY()).build();
        }
        catch (ParseException | IllegalStateException ex) {
            throw new IllegalArgumentException("publicKey", ex);
        }
    }

    private static PushTarget pushTarget(Map<String, Object> push) {
        if (push == null) {
            throw new IllegalArgumentException("push");
        }
        Object type = push.get("type");
        if ("webhook".equals(type) && push.get("url") instanceof String url) {
            return new PushTarget(PushTarget.Type.WEBHOOK, url);
        }
        if ("fcm".equals(type) && push.get("token") instanceof String token) {
            return new PushTarget(PushTarget.Type.FCM, token);
        }
        throw new IllegalArgumentException("push");
    }

    static String newDeviceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
