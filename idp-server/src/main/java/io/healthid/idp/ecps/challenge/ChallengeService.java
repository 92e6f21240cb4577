package io.healthid.idp.ecps.challenge;

import io.healthid.idp.ecps.EcpsProperties;
import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.ecps.device.Device;
import io.healthid.idp.ecps.device.DeviceRepository;
import io.healthid.idp.ecps.dpop.OneTimeValues;
import io.healthid.idp.ecps.limit.RateLimits;
import io.healthid.idp.ecps.push.PushDispatcher;
import io.healthid.idp.model.ReasonCode;
import io.healthid.idp.session.SessionSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The device ceremony: a challenge pushed to the person's usable phones, answered by a signed approval or denial,
 * checked (signature, device state, expiry, single use, number, time) and settled by compare-and-set. The browser
 * login and CIBA both start it here and wait for its outcome through {@link ChallengeStore#awaitFinal}.
 */
public class ChallengeService {

    private static final Logger logger = LoggerFactory.getLogger(ChallengeService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What starts a ceremony; {@code bindingMessage} only for CIBA, {@code browserBinding} only for a browser. */
    public record Request(Challenge.Kind kind, String nationalId, String clientId, String clientName,
            String bindingMessage, String clientAddress, String transactionId, String browserBinding) {
    }

    private final ChallengeStore store;
    private final DeviceRepository devices;
    private final DeviceLocks locks;
    private final PushDispatcher pushes;
    private final ApprovalVerifier approvals;
    private final OneTimeValues usedJtis;
    private final RateLimits limits;
    private final RateLimits.Limit perPerson;
    private final RateLimits.Limit perAddress;
    private final EcpsProperties.Challenge settings;
    private final Clock clock;
    private final List<ChallengeListener> listeners;

    public ChallengeService(ChallengeStore store, DeviceRepository devices, DeviceLocks locks, PushDispatcher pushes,
            ApprovalVerifier approvals, OneTimeValues usedJtis, RateLimits limits, EcpsProperties.Challenge settings,
            Clock clock, List<ChallengeListener> listeners) {
        this.store = store;
        this.devices = devices;
        this.locks = locks;
        this.pushes = pushes;
        this.approvals = approvals;
        this.usedJtis = usedJtis;
        this.limits = limits;
        this.settings = settings;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.perPerson = new RateLimits.Limit("push-person", settings.perPerson(), settings.window());
        this.perAddress = new RateLimits.Limit("push-address", settings.perAddress(), settings.window());
    }

    public EcpsProperties.Challenge settings() {
        return this.settings;
    }

    /** Creates the challenge and pushes it; refused when no phone can be asked or the limits are reached. */
    public Mono<Challenge> start(Request request) {
        Instant now = this.clock.instant();
        return usableDevices(request.nationalId(), now)
            .flatMap(deviceList -> this.limits.tryAcquire(this.perAddress, request.clientAddress())
                .filter(Boolean::booleanValue)
                .flatMap(ok -> this.limits.tryAcquire(this.perPerson, request.nationalId()))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.RATE_LIMITED)))
                .thenReturn(deviceList))
            .flatMap(deviceList -> {
                List<Integer> numbers = request.kind() == Challenge.Kind.BROWSER ? threeNumbers() : List.of();
                Challenge challenge = new Challenge(SessionSecrets.newSecret(), request.kind(), request.nationalId(),
                        request.clientId(), request.clientName(), deviceList.stream().map(Device::id).toList(), numbers,
                        numbers.isEmpty() ? null : numbers.get(RANDOM.nextInt(numbers.size())), request.bindingMessage(),
                        now, now.plus(this.settings.lifetime()), request.transactionId(), request.browserBinding());
                return this.store.save(challenge, this.settings.lifetime())
                    .flatMap(saved -> push(saved, deviceList));
            });
    }

    /** At least one push must leave; otherwise the challenge is settled as undeliverable. */
    private Mono<Challenge> push(Challenge challenge, List<Device> targets) {
        return Flux.fromIterable(targets)
            .flatMap(device -> this.pushes.send(device.push(), challenge.id())
                .thenReturn(true)
                .onErrorResume(ex -> {
                    logger.warn("Push to device {} failed: {}", device.id(), ex.getMessage());
                    return Mono.just(false);
                }))
            .reduce(false, Boolean::logicalOr)
            .flatMap(delivered -> delivered ? Mono.just(challenge)
                    : this.store.transition(challenge.id(), Challenge.Status.PENDING, Challenge.Status.REFUSED,
                            ReasonCode.ECPS_PUSH_UNDELIVERABLE, null)
                        .then(Mono.error(new EcpsRefusal(ReasonCode.ECPS_PUSH_UNDELIVERABLE))));
    }

    /** The person's phones that may be asked, or why none may: not enrolled, revoked, expired, locked. */
    private Mono<List<Device>> usableDevices(String nationalId, Instant now) {
        return this.devices.findByNationalId(nationalId).collectList().flatMap(all -> {
            if (all.isEmpty()) {
                return Mono.error(new EcpsRefusal(ReasonCode.ECPS_NOT_ENROLLED));
            }
            List<Device> live = all.stream().filter(device -> !device.isRevoked() && !device.isExpired(now)).toList();
            if (live.isEmpty()) {
                boolean anyExpired = all.stream().anyMatch(device -> !device.isRevoked());
                return Mono.error(new EcpsRefusal(anyExpired ? ReasonCode.ECPS_DEVICE_EXPIRED : ReasonCode.ECPS_DEVICE_REVOKED));
            }
            return Flux.fromIterable(live)
                .filterWhen(device -> this.locks.isLocked(device.id()).map(locked -> !locked))
                .collectList()
                .flatMap(unlocked -> unlocked.isEmpty() ? Mono.error(new EcpsRefusal(ReasonCode.ECPS_LOCKED))
                        : Mono.just(unlocked));
        });
    }

    /**
     * Ends a pending challenge sent to {@code device} with {@code ECPS_CLOCK_SKEW}: the phone's requests about it were
     * refused for their time, so it cannot answer, and the browser then tells the person to set the date and time
     * automatically instead of waiting for the timeout.
     */
    public Mono<Void> endForClock(String challengeId, Device device) {
        return sentTo(challengeId, device)
            .filter(state -> !state.isFinal())
            .flatMap(state -> refuse(state.challenge(), device, ReasonCode.ECPS_CLOCK_SKEW, false))
            .onErrorResume(EcpsRefusal.class, refusal -> Mono.empty())
            .then();
    }

    /** {@code GET /challenges/{id}}: only for a device it was sent to. */
    public Mono<Challenge.State> view(String challengeId, Device device) {
        return sentTo(challengeId, device);
    }

    /**
     * {@code POST /challenges/{id}}: the phone's signed answer. Returns the settled state; refusals that end the
     * challenge (bad signature, clock, wrong number, timeout) also wake the browser with their reason.
     */
    public Mono<Challenge.State> respond(String challengeId, Device device, String response) {
        Instant now = this.clock.instant();
        return sentTo(challengeId, device).flatMap(state -> {
            Challenge challenge = state.challenge();
            if (state.isFinal()) {
                return Mono.error(new EcpsRefusal(challenge.isExpired(now) ? ReasonCode.ECPS_TIMEOUT : ReasonCode.ECPS_REPLAY));
            }
            return this.locks.isLocked(device.id()).flatMap(locked -> {
                if (locked) {
                    return refuse(challenge, device, ReasonCode.ECPS_LOCKED, false);
                }
                ApprovalVerifier.Approval approval;
                try {
                    approval = this.approvals.verify(response, device);
                }
                catch (EcpsRefusal refusal) {
                    return refuse(challenge, device, refusal.reason(), refusal.reason() == ReasonCode.ECPS_BAD_SIGNATURE);
                }
                if (!approval.challengeId().equals(challenge.id())) {
                    // an answer signed for another challenge
                    return Mono.error(new EcpsRefusal(ReasonCode.ECPS_REPLAY));
                }
                return this.usedJtis.claim(device.id(), approval.jti(), this.settings.clockSkew().multipliedBy(2).plus(this.settings.lifetime()))
                    .flatMap(first -> first ? settle(challenge, device, approval, now)
                            : Mono.error(new EcpsRefusal(ReasonCode.ECPS_REPLAY)));
            });
        });
    }

    private Mono<Challenge.State> settle(Challenge challenge, Device device, ApprovalVerifier.Approval approval, Instant now) {
        if (challenge.isExpired(now)) {
            return refuse(challenge, device, ReasonCode.ECPS_TIMEOUT, false);
        }
        if (!approval.approve()) {
            return this.locks.recordFailure(device.id())
                .then(transition(challenge, device, Challenge.Status.REFUSED, ReasonCode.ECPS_DENIED));
        }
        if (challenge.kind() == Challenge.Kind.BROWSER && !challenge.expectedNumber().equals(approval.number())) {
            // a wrong number counts as a denial (someone else's login, or a guess)
            return refuse(challenge, device, ReasonCode.ECPS_WRONG_NUMBER, true);
        }
        return transition(challenge, device, Challenge.Status.APPROVED, null);
    }

    private Mono<Challenge.State> transition(Challenge challenge, Device device, Challenge.Status to, ReasonCode reason) {
        return this.store.transition(challenge.id(), Challenge.Status.PENDING, to, reason, device.id())
            .flatMap(changed -> changed ? notifyListeners(new Challenge.State(challenge, to, reason, device.id()))
                    : Mono.error(new EcpsRefusal(ReasonCode.ECPS_REPLAY)));
    }

    /** A listener's failure (a ping that does not arrive) never changes the phone's answer. */
    private Mono<Challenge.State> notifyListeners(Challenge.State state) {
        return Flux.fromIterable(this.listeners)
            .concatMap(listener -> listener.settled(state).onErrorResume(ex -> {
                logger.warn("Challenge listener failed: {}", ex.getClass().getSimpleName());
                return Mono.empty();
            }))
            .then(Mono.just(state));
    }

    /** Ends the challenge with {@code reason} and answers the phone with it. */
    private Mono<Challenge.State> refuse(Challenge challenge, Device device, ReasonCode reason, boolean countsTowardLock) {
        Mono<Void> count = countsTowardLock ? this.locks.recordFailure(device.id()) : Mono.empty();
        return count.then(this.store.transition(challenge.id(), Challenge.Status.PENDING, Challenge.Status.REFUSED, reason, device.id()))
            .flatMap(changed -> changed ? notifyListeners(new Challenge.State(challenge, Challenge.Status.REFUSED, reason, device.id()))
                    : Mono.<Challenge.State>empty())
            .then(Mono.error(new EcpsRefusal(reason)));
    }

    private Mono<Challenge.State> sentTo(String challengeId, Device device) {
        return this.store.find(challengeId)
            .switchIfEmpty(Mono.error(new EcpsRefusal(ReasonCode.SESSION_EXPIRED, HttpStatus.NOT_FOUND)))
            .flatMap(state -> state.challenge().sentTo(device.id()) ? Mono.just(state)
                    : Mono.error(new EcpsRefusal(ReasonCode.ECPS_NOT_ENROLLED, HttpStatus.UNAUTHORIZED)));
    }

    /**
     * The challenge's outcome once settled. A pending challenge past its lifetime is settled here as a timeout, so
     * whoever waits learns it even if the phone never answers.
     */
    public Mono<Challenge.State> outcome(String challengeId) {
        return this.store.awaitFinal(challengeId)
            .timeout(this.settings.lifetime(), timeout(challengeId));
    }

    /** Settles a pending challenge whose time is up; its state as it stands otherwise. */
    public Mono<Challenge.State> timeout(String challengeId) {
        return this.store.find(challengeId).flatMap(state -> {
            if (state.isFinal() || !state.challenge().isExpired(this.clock.instant())) {
                return Mono.just(state);
            }
            return this.store.transition(challengeId, Challenge.Status.PENDING, Challenge.Status.REFUSED, ReasonCode.ECPS_TIMEOUT, null)
                .then(this.store.find(challengeId));
        });
    }

    /** Marks an approval used, once: the browser's completion or the CIBA token request that wins gets true. */
    public Mono<Boolean> use(String challengeId) {
        return this.store.transition(challengeId, Challenge.Status.APPROVED, Challenge.Status.USED, null, null);
    }

    /** Marks a refusal seen, once: its reason is counted and shown to the browser a single time. */
    public Mono<Boolean> settleRefusal(String challengeId) {
        return this.store.transition(challengeId, Challenge.Status.REFUSED, Challenge.Status.USED, null, null);
    }

    public Mono<Challenge.State> find(String challengeId) {
        return this.store.find(challengeId);
    }

    private static List<Integer> threeNumbers() {
        List<Integer> pool = new ArrayList<>();
        for (int n = 10; n < 100; n++) {
            pool.add(n);
        }
        Collections.shuffle(pool, RANDOM);
        return List.copyOf(pool.subList(0, 3));
    }
}
