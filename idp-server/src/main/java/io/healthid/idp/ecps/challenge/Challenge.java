package io.healthid.idp.ecps.challenge;

import io.healthid.idp.model.ReasonCode;
import java.time.Instant;
import java.util.List;

/**
 * One device ceremony (architecture decision 9), shared by the browser login and CIBA: who is asked, on which
 * devices, for which relying party, and — for a browser — the three numbers of which the browser shows one.
 *
 * @param numbers the three numbers the phone offers (browser logins), empty for CIBA
 * @param expectedNumber the number the browser shows, {@code null} for CIBA
 * @param bindingMessage what CIBA's client asked the phone to show, {@code null} for browser logins
 * @param transactionId the login transaction (browser) or backchannel request (CIBA) the outcome belongs to
 * @param browserBinding hash of the cookie secret of the browser that started it; {@code null} for CIBA
 */
public record Challenge(String id, Kind kind, String nationalId, String clientId, String clientName,
        List<String> deviceIds, List<Integer> numbers, Integer expectedNumber, String bindingMessage, Instant createdAt,
        Instant expiresAt, String transactionId, String browserBinding) {

    public enum Kind {
        BROWSER, CIBA
    }

    /**
     * PENDING until the phone answers; then APPROVED or REFUSED (with a reason); an approval becomes USED once, when
     * the browser or the CIBA client turns it into a login. Every change is a compare-and-set in Redis.
     */
    public enum Status {
        PENDING, APPROVED, REFUSED, USED
    }

    /** A challenge with its current state. */
    public record State(Challenge challenge, Status status, ReasonCode reason, String deviceId) {

        public boolean isFinal() {
            return this.status != Status.PENDING;
        }
    }

    public Challenge {
        deviceIds = List.copyOf(deviceIds);
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(this.expiresAt);
    }

    public boolean sentTo(String deviceId) {
        return this.deviceIds.contains(deviceId);
    }
}
