package io.healthid.idp.ecps.device;

import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.dpop.DpopProofVerifier;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.settings.Issuer;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * The only way a device authenticates (architecture decision 9): a DPoP proof for this very request, signed by the
 * key registered at activation, from a device that is neither revoked nor expired.
 */
public class DeviceProofs {

    public static final String HEADER = "DPoP";

    private final DpopProofVerifier verifier;
    private final DeviceRepository devices;
    private final String publicBase;
    private final Clock clock;

    public DeviceProofs(DpopProofVerifier verifier, DeviceRepository devices, Issuer issuer, Clock clock) {
        this.verifier = verifier;
        this.devices = devices;
        // the issuer, not the Host header, says where requests are addressed (proxies rewrite hosts)
        this.publicBase = issuer.value().substring(0, issuer.value().length() - issuer.path().length());
        this.clock = clock;
    }

    /**
     * @param proof the {@code DPoP} header, {@code null} when absent
     * @param path the request's path on this server (the issuer gives scheme and host)
     */
    public Mono<Device> authenticate(String proof, String method, String path) {
        URI target = URI.create(this.publicBase + path);
        return this.verifier.verify(proof, method, target)
            .flatMap(verified -> this.devices.findByThumbprint(verified.thumbprint()))
            .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.ECPS_NOT_ENROLLED, HttpStatus.UNAUTHORIZED)))
            .flatMap(this::live);
    }

    /**
     * The enrolled device that signed {@code proof}, once {@link #authenticate} refused it for its time alone
     * ({@code ECPS_CLOCK_SKEW} comes after the signature held): a phone whose clock is off cannot read its challenge,
     * and the login it was asked about should end with the reason the person can act on, not with a timeout.
     */
    public Mono<Device> signerOfSkewedProof(String proof) {
        return Mono.fromCallable(() -> DpopProofVerifier.signerThumbprint(proof))
            .flatMap(this.devices::findByThumbprint)
            .flatMap(this::live);
    }

    private Mono<Device> live(Device device) {
        // a revoked or expired key is no credential any more: refused as an unknown one is
        if (device.isRevoked()) {
            return Mono.error(new EcpsRefusal(ReasonCode.ECPS_DEVICE_REVOKED, HttpStatus.UNAUTHORIZED));
        }
        if (device.isExpired(this.clock.instant())) {
            return Mono.error(new EcpsRefusal(ReasonCode.ECPS_DEVICE_EXPIRED, HttpStatus.UNAUTHORIZED));
        }
        return Mono.just(device);
    }
}
