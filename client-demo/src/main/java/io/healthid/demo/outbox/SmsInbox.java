package io.healthid.demo.outbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The SMS the gateway endpoint received, newest first, at most {@code keep} of them. */
public class SmsInbox {

    private final Deque<OutboxMessage> messages = new ArrayDeque<>();
    private final int keep;

    public SmsInbox(int keep) {
        this.keep = keep;
    }

    public synchronized void add(OutboxMessage message) {
        this.messages.addFirst(message);
        while (this.messages.size() > this.keep) {
            this.messages.removeLast();
        }
    }

    public synchronized List<OutboxMessage> messages() {
        return List.copyOf(this.messages);
    }

    public synchronized void clear() {
        this.messages.clear();
    }
}
