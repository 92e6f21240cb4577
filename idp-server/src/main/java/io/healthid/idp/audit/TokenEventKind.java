package io.healthid.idp.audit;

/** What happened to a token: the {@code event} of {@code idp_token_events_total} and of the audit row. */
public enum TokenEventKind {
    ISSUED, REFRESHED, REVOKED, REPLAY_DETECTED;

    /** The metric label: lower case, as Prometheus names go. */
    public String label() {
        return name().toLowerCase();
    }
}
