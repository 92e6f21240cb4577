-- e-CPS devices (architecture decision 9): one row per activated phone; its public key only, never a secret.
CREATE TABLE ecps_device (
    id             VARCHAR(64)  PRIMARY KEY,
    national_id    VARCHAR(64)  NOT NULL,
    key_thumbprint VARCHAR(64)  NOT NULL UNIQUE,
    public_key     TEXT         NOT NULL,
    platform       VARCHAR(16)  NOT NULL,
    os_version     VARCHAR(32)  NOT NULL,
    app_version    VARCHAR(32)  NOT NULL,
    push_type      VARCHAR(16)  NOT NULL,
    push_address   TEXT         NOT NULL,
    activated_by   VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    revoked_at     TIMESTAMPTZ
);

CREATE INDEX ecps_device_national_id ON ecps_device (national_id);
