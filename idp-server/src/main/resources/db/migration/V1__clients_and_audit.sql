-- Registered clients: the definition (secret hashed) as JSON, keyed by a stable internal id.
CREATE TABLE registered_client (
    id          VARCHAR(64)  PRIMARY KEY,
    client_id   VARCHAR(128) NOT NULL UNIQUE,
    definition  JSONB        NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per authentication attempt (architecture decision 6): what operators count and audit.
CREATE TABLE authentication_event (
    id           BIGSERIAL    PRIMARY KEY,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    method       VARCHAR(16)  NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    reason       VARCHAR(48)  NOT NULL,
    client_id    VARCHAR(128),
    national_id  VARCHAR(32),
    duration_ms  INTEGER      NOT NULL
);
CREATE INDEX authentication_event_occurred_at ON authentication_event (occurred_at);
CREATE INDEX authentication_event_national_id ON authentication_event (national_id);
