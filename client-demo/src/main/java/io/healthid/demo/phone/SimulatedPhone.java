package io.healthid.demo.phone;

import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One activated phone of the simulator: its key pair (the private part never leaves it), the device id the identity
 * provider gave it, what it declared at activation, its settings and the pushes it received.
 */
public final class SimulatedPhone {

    private static final int KEEP_NOTIFICATIONS = 20;

    private final String id;
    private final ECKey key;
    private final String deviceId;
    private final String nationalId;
    private final Instant expiresAt;
    private final DeviceDescription description;
    private final Map<String, Notification> notifications = new LinkedHashMap<>();
    private PhoneSettings settings = PhoneSettings.ACCURATE;

    public SimulatedPhone(String id, ECKey key, String deviceId, String nationalId, Instant expiresAt,
            DeviceDescription description) {
        this.id = id;
        this.key = key;
        this.deviceId = deviceId;
        this.nationalId = nationalId;
        this.expiresAt = expiresAt;
        this.description = description;
    }

    public String id() {
        return this.id;
    }

    public ECKey key() {
        return this.key;
    }

    public String deviceId() {
        return this.deviceId;
    }

    public String nationalId() {
        return this.nationalId;
    }

    public Instant expiresAt() {
        return this.expiresAt;
    }

    public DeviceDescription description() {
        return this.description;
    }

    public synchronized PhoneSettings settings() {
        return this.settings;
    }

    public synchronized void settings(PhoneSettings changed) {
        this.settings = changed;
    }

    /** A push arrived; the same challenge pushed twice is one notification. */
    public synchronized void pushed(String challengeId, Instant at) {
        this.notifications.putIfAbsent(challengeId, Notification.received(challengeId, at));
        while (this.notifications.size() > KEEP_NOTIFICATIONS) {
            this.notifications.remove(this.notifications.keySet().iterator().next());
        }
    }

    public synchronized Optional<Notification> notification(String challengeId) {
        return Optional.ofNullable(this.notifications.get(challengeId));
    }

    public synchronized void update(String challengeId, UnaryOperator<Notification> change) {
        this.notifications.computeIfPresent(challengeId, (id, notification) -> change.apply(notification));
    }

    /** Newest first. */
    public synchronized List<Notification> notifications() {
        List<Notification> newestFirst = new ArrayList<>(this.notifications.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
