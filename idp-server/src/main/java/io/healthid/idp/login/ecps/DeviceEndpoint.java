package io.healthid.idp.login.ecps;

import io.healthid.idp.ecps.EcpsMetrics;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.ecps.device.DeviceRegistration;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.login.LogoutEverywhere;
import io.healthid.idp.model.ReasonCode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /devices} (registration, authenticated by the activation codes), and with a DPoP proof of one of the
 * person's devices: {@code GET /devices} (their list), {@code DELETE /devices/{id}} (revoke) and
 * {@code POST /devices/{id}/logout-everywhere} (end the person's SSO sessions, revoke their tokens).
 */
public class DeviceEndpoint {

    private final DeviceRegistration registration;
    private final RequestProofs proofs;
    private final DeviceRepository devices;
    private final LogoutEverywhere logoutEverywhere;
    private final EcpsMetrics metrics;
    private final Clock clock;

    public DeviceEndpoint(DeviceRegistration registration, RequestProofs proofs, DeviceRepository devices,
            LogoutEverywhere logoutEverywhere, EcpsMetrics metrics, Clock clock) {
        this.registration = registration;
        this.proofs = proofs;
        this.devices = devices;
        this.logoutEverywhere = logoutEverywhere;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Mono<ServerResponse> register(ServerRequest request) {
        return request.bodyToMono(DeviceRegistration.Request.class)
            .switchIfEmpty(Mono.error(new IllegalArgumentException("body required")))
            .flatMap(this.registration::register)
            .flatMap(device -> EcpsResponses.json(HttpStatus.CREATED, Map.of("deviceId", device.id(),
                    "nationalId", device.nationalId(), "expiresAt", device.expiresAt().toString())))
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.REGISTRATION, refusal.reason()))
            .onErrorResume(EcpsResponses.errors());
    }

    public Mono<ServerResponse> list(ServerRequest request) {
        return authenticated(request)
            .flatMap(current -> this.devices.findByNationalId(current.nationalId())
                .map(device -> describe(device, current))
                .collectList()
                .flatMap(list -> EcpsResponses.json(HttpStatus.OK, Map.of("devices", list))))
            .onErrorResume(EcpsResponses.errors());
    }

    public Mono<ServerResponse> revoke(ServerRequest request) {
        String id = request.pathVariable("deviceId");
        return authenticated(request)
            .flatMap(current -> this.devices.revoke(current.nationalId(), id, this.clock.instant())
                .flatMap(revoked -> revoked ? ServerResponse.noContent().build()
                        : Mono.error(new EcpsRefusal(ReasonCode.ECPS_NOT_ENROLLED, HttpStatus.NOT_FOUND))))
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.DEVICES, refusal.reason()))
            .onErrorResume(EcpsResponses.errors());
    }

    /** The device in the path must be one of the person's, as for a revocation; the whole person is logged out. */
    public Mono<ServerResponse> logoutEverywhere(ServerRequest request) {
        String id = request.pathVariable("deviceId");
        return authenticated(request)
            .flatMap(current -> this.devices.findById(id)
                .filter(named -> named.nationalId().equals(current.nationalId()))
                .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.ECPS_NOT_ENROLLED, HttpStatus.NOT_FOUND)))
                .flatMap(named -> this.logoutEverywhere.of(current.nationalId())))
            .flatMap(outcome -> EcpsResponses.json(HttpStatus.OK, Map.of("sessions", outcome.sessions(),
                    "authorizations", outcome.authorizations())))
            .doOnError(EcpsRefusal.class, refusal -> this.metrics.refused(EcpsMetrics.Operation.DEVICES, refusal.reason()))
            .onErrorResume(EcpsResponses.errors());
    }

    private Mono<Device> authenticated(ServerRequest request) {
        return this.proofs.authenticate(request);
    }

    private Map<String, Object> describe(Device device, Device current) {
        Instant now = this.clock.instant();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", device.id());
        view.put("platform", device.platform().wireName());
        view.put("osVersion", device.osVersion());
        view.put("appVersion", device.appVersion());
        view.put("activatedBy", device.activatedBy().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", device.createdAt().toString());
        view.put("expiresAt", device.expiresAt().toString());
        view.put("status", device.status(now).wireName());
        view.put("current", device.id().equals(current.id()));
        return view;
    }
}
