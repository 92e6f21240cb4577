package io.healthid.demo.phone;

import java.util.Optional;

/**
 * What the phone declares at activation. Sent as typed, so the identity provider's own checks (minimum versions,
 * known platforms) are what the person sees: {@code android 7.1.2} is refused {@code ECPS_OS_TOO_OLD}.
 */
public record DeviceDescription(String platform, String osVersion, String appVersion) {

    public static final DeviceDescription RECENT_ANDROID = new DeviceDescription("android", "14", "2.3.0");
    private static final int MAX_LENGTH = 32;

    /** Empty when a field is missing or too long to be a version. */
    public static Optional<DeviceDescription> of(String platform, String osVersion, String appVersion) {
        if (!fits(platform) || !fits(osVersion) || !fits(appVersion)) {
            return Optional.empty();
        }
        return Optional.of(new DeviceDescription(platform.strip(), osVersion.strip(), appVersion.strip()));
    }

    private static boolean fits(String value) {
        return value != null && !value.isBlank() && value.strip().length() <= MAX_LENGTH;
    }
}
