package io.healthid.rpps.cache;

import io.healthid.rpps.model.Practitioner;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The practitioners this node looked up lately, in memory, for one directory generation: a token or userinfo request
 * for someone who just logged in is answered without a Redis round trip. Entries of an older generation are never
 * served (the same rule as the Redis keys), and the memory is bounded: when it is full it starts over.
 */
final class RecentPractitioners {

    private record Generation(long number, Map<String, Practitioner> byId) {
    }

    private final int capacity;
    private final AtomicReference<Generation> current = new AtomicReference<>(new Generation(Long.MIN_VALUE, Map.of()));

    RecentPractitioners(int capacity) {
        this.capacity = capacity;
    }

    Practitioner get(long generation, String idNat) {
        Generation known = this.current.get();
        return known.number() == generation ? known.byId().get(idNat) : null;
    }

    void put(long generation, String idNat, Practitioner practitioner) {
        Generation known = this.current.get();
        if (this.capacity <= 0 || known.number() > generation) {
            return; // none kept, or a lookup that started before an import: older than what is kept
        }
        if (known.number() < generation || known.byId().size() >= this.capacity) {
            this.current.compareAndSet(known, new Generation(generation, new ConcurrentHashMap<>()));
            known = this.current.get();
            if (known.number() != generation) {
                return;
            }
        }
        known.byId().put(idNat, practitioner);
    }
}
