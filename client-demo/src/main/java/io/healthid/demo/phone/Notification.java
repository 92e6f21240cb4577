package io.healthid.demo.phone;

import java.time.Instant;
import java.util.List;

/**
 * One push the phone received, what the identity provider said it is about, and the person's answer.
 *
 * @param challengeId the only thing a push carries
 * @param receivedAt when it arrived
 * @param challenge what {@code GET /challenges/{id}} returned, {@code null} until read
 * @param readRefusal the reason the identity provider refused to show it, {@code null} if none
 * @param answer the answer, {@code null} until the person taps
 */
public record Notification(String challengeId, Instant receivedAt, Challenge challenge, String readRefusal, Answer answer) {

    /**
     * What the phone shows: who asks, and the three numbers (browser) or the binding message (CIBA).
     *
     * @param status {@code pending} while it can be answered (an answer to anything else is refused anyway)
     */
    public record Challenge(String client, List<Integer> numbers, String bindingMessage, Instant expiresAt, String status) {

        public boolean pending() {
            return "pending".equals(this.status);
        }
    }

    /**
     * @param decision approve or deny
     * @param number the number picked, {@code null} for a denial
     * @param sendsAt when it leaves the phone (later than the tap with a slow answer)
     * @param status the identity provider's HTTP status, {@code null} while not sent
     * @param outcome its {@code status} ({@code approved}/{@code denied}) or the reason code of its refusal
     */
    public record Answer(SignedAnswer.Decision decision, Integer number, Instant sendsAt, Integer status, String outcome) {

        public boolean sent() {
            return this.status != null;
        }
    }

    public static Notification received(String challengeId, Instant at) {
        return new Notification(challengeId, at, null, null, null);
    }

    public Notification read(Challenge shown) {
        return new Notification(this.challengeId, this.receivedAt, shown, null, this.answer);
    }

    public Notification unreadable(String reason) {
        return new Notification(this.challengeId, this.receivedAt, null, reason, this.answer);
    }

    public Notification answered(Answer given) {
        return new Notification(this.challengeId, this.receivedAt, this.challenge, this.readRefusal, given);
    }

    /** Waiting for the person: shown, still pending when read, not answered. */
    public boolean awaitsAnswer() {
        return this.challenge != null && this.challenge.pending() && this.answer == null;
    }

    public boolean unread() {
        return this.challenge == null && this.readRefusal == null;
    }
}
