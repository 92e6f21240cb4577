package io.healthid.idp.observability;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code client} label of the metrics, bounded: configured clients by their id, any other value (an unknown or
 * forged {@code client_id}, a client added at run time) folded into {@code other}, no client at all {@code none}.
 * Whoever sends requests cannot grow the number of series.
 */
public final class ClientTags {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final Set<String> known;

    public ClientTags(Collection<String> configuredClientIds) {
        this.known = Set.copyOf(configuredClientIds);
    }

    public String of(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return NONE;
        }
        return this.known.contains(clientId) ? clientId : OTHER;
    }

    /** Every value the label can take, to register series at zero from the start. */
    public Set<String> values() {
        Set<String> all = new TreeSet<>(this.known);
        all.add(OTHER);
        all.add(NONE);
        return all;
    }
}
