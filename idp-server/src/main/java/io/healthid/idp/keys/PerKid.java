package io.healthid.idp.keys;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What is made once per key (a signer, a verification key) and kept by kid. A kid is the key's RFC 7638 thumbprint, so
 * one kid is one key. Two algorithms and a successor each now and then make a handful: more means rotations, and the
 * old keys sign and verify no more, so past {@link #KEPT} the cache starts again.
 */
final class PerKid<T> {

    static final int KEPT = 8;

    /** Makes the value for a key; may fail as the JOSE library does. */
    interface Maker<T, X extends Exception> {
        T make() throws X;
    }

    private final Map<String, T> byKid = new ConcurrentHashMap<>();

    <X extends Exception> T get(String kid, Maker<T, X> maker) throws X {
        T value = this.byKid.get(kid);
        if (value == null) {
            value = maker.make();
            if (this.byKid.size() >= KEPT) {
                this.byKid.clear();
            }
            this.byKid.put(kid, value);
        }
        return value;
    }
}
