package io.healthid.idp.authorization;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class any unrestricted JSON mapper would happily build from a tampered record (public no-argument constructor,
 * unknown properties ignored): it proves the allowlist stops the type before it is instantiated.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class InstantiationCanary {

    private static final AtomicBoolean INSTANTIATED = new AtomicBoolean();

    public InstantiationCanary() {
        INSTANTIATED.set(true);
    }

    static boolean instantiated() {
        return INSTANTIATED.get();
    }
}
