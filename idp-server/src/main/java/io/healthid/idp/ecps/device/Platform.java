package io.healthid.idp.ecps.device;

import java.util.Locale;
import java.util.Optional;

/** The phone's operating system family, as the app reports it. */
public enum Platform {
    ANDROID, IOS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Platform> fromWire(String value) {
        for (Platform platform : values()) {
            if (platform.wireName().equals(value)) {
                return Optional.of(platform);
            }
        }
        return Optional.empty();
    }
}
