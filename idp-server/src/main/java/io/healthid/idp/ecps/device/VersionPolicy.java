package io.healthid.idp.ecps.device;

import io.healthid.idp.ecps.EcpsRefusal;
import io.healthid.idp.model.ReasonCode;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Minimum operating system and app versions: older phones and apps are refused with a reason they can act on. */
public class VersionPolicy {

    private static final Pattern VERSION = Pattern.compile("\\d{1,5}(\\.\\d{1,5}){0,3}");

    private final Map<String, String> minOs;
    private final String minApp;

    public VersionPolicy(Map<String, String> minOs, String minApp) {
        this.minOs = Map.copyOf(minOs);
        this.minApp = minApp;
    }

    /** Empty when both (well-formed, see {@link #isVersion}) versions are at or above the minimums; else the refusal. */
    public Optional<EcpsRefusal> check(Platform platform, String osVersion, String appVersion) {
        String minimum = this.minOs.get(platform.wireName());
        if (minimum != null && compare(osVersion, minimum) < 0) {
            return Optional.of(new EcpsRefusal(ReasonCode.ECPS_OS_TOO_OLD));
        }
        if (compare(appVersion, this.minApp) < 0) {
            return Optional.of(new EcpsRefusal(ReasonCode.ECPS_APP_TOO_OLD));
        }
        return Optional.empty();
    }

    public static boolean isVersion(String value) {
        return value != null && VERSION.matcher(value).matches();
    }

    /** Numeric, part by part; missing parts are zero ({@code 8} equals {@code 8.0}). */
    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? Integer.parseInt(a[i]) : 0;
            int y = i < b.length ? Integer.parseInt(b[i]) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
