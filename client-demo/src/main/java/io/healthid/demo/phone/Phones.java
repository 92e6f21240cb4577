package io.healthid.demo.phone;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulator's phones, in memory, shared by everyone who opens the demo (pushes arrive without a browser session,
 * as on a real phone on the desk). The oldest goes when there are too many.
 */
public class Phones {

    private static final int KEEP = 20;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SimulatedPhone> phones = new LinkedHashMap<>();

    /** An id for a phone about to be activated: it names the phone's webhook. */
    public String newId() {
        byte[] bytes = new byte[8];
        this.random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public synchronized SimulatedPhone add(SimulatedPhone phone) {
        this.phones.put(phone.id(), phone);
        while (this.phones.size() > KEEP) {
            this.phones.remove(this.phones.keySet().iterator().next());
        }
        return phone;
    }

    public synchronized Optional<SimulatedPhone> find(String id) {
        return Optional.ofNullable(this.phones.get(id));
    }

    /** Newest first. */
    public synchronized List<SimulatedPhone> all() {
        List<SimulatedPhone> all = new ArrayList<>(this.phones.values());
        Collections.reverse(all);
        return all;
    }
}
