-- The audit trail (issue 12, ADR 0013): one append-only row per authentication attempt and per token event, found by
-- the correlation id a person reads to support, by national identifier or by client. No secret, no full token.

ALTER TABLE authentication_event ADD COLUMN correlation_id VARCHAR(32);
CREATE INDEX authentication_event_correlation_id ON authentication_event (correlation_id);
CREATE INDEX authentication_event_client_time ON authentication_event (client_id, occurred_at);
-- the console's failure chart and recent failures read only failures, newest first
CREATE INDEX authentication_event_failures ON authentication_event (occurred_at DESC) WHERE outcome = 'failure';

CREATE TABLE token_event (
    id                BIGSERIAL    PRIMARY KEY,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    event             VARCHAR(24)  NOT NULL CHECK (event IN ('ISSUED', 'REFRESHED', 'REVOKED', 'REPLAY_DETECTED')),
    client_id         VARCHAR(128),
    grant_type        VARCHAR(64),
    national_id       VARCHAR(32),
    -- the first 16 hex digits of the token's SHA-256: enough to match a token an operator is shown, useless to replay
    token_fingerprint VARCHAR(16),
    correlation_id    VARCHAR(32)
);
CREATE INDEX token_event_occurred_at ON token_event (occurred_at);
CREATE INDEX token_event_correlation_id ON token_event (correlation_id);
CREATE INDEX token_event_national_id ON token_event (national_id);
CREATE INDEX token_event_client_time ON token_event (client_id, occurred_at);

-- Append-only: rows are never changed, and leave only through audit_purge (the configured retention).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('idp.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit rows are append-only (% on %)', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER authentication_event_append_only BEFORE UPDATE OR DELETE ON authentication_event
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER token_event_append_only BEFORE UPDATE OR DELETE ON token_event
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE FUNCTION audit_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only (TRUNCATE on %)', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER authentication_event_no_truncate BEFORE TRUNCATE ON authentication_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
CREATE TRIGGER token_event_no_truncate BEFORE TRUNCATE ON token_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();

-- The one way out: rows older than the cut-off, both tables, in the caller's statement. Returns how many left.
CREATE FUNCTION audit_purge(cutoff timestamptz) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    removed bigint;
    more bigint;
BEGIN
    PERFORM set_config('idp.audit_purge', 'on', true);
    DELETE FROM authentication_event WHERE occurred_at < cutoff;
    GET DIAGNOSTICS removed = ROW_COUNT;
    DELETE FROM token_event WHERE occurred_at < cutoff;
    GET DIAGNOSTICS more = ROW_COUNT;
    PERFORM set_config('idp.audit_purge', 'off', true);
    RETURN removed + more;
END;
$$;
