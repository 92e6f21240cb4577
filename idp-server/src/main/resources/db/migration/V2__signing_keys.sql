-- The identity provider's signing keys, shared by every node of the cluster (see io.healthid.idp.keys).
-- A key's life: published from created_at, signs from signs_from, stops signing at signs_until,
-- leaves the JWKS at published_until (once everything it signed has expired).
CREATE TABLE signing_key (
    kid                   text        PRIMARY KEY,
    algorithm             text        NOT NULL CHECK (algorithm IN ('RS256', 'ES256')),
    -- public members only: the database refuses a JWK carrying private or symmetric members
    public_jwk            text        NOT NULL
        CHECK (NOT (public_jwk::jsonb ?| ARRAY['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'])),
    -- AES-256-GCM under the configured key-encryption key: 12-byte nonce || ciphertext || 16-byte tag, kid as AAD
    encrypted_private_key bytea       NOT NULL CHECK (octet_length(encrypted_private_key) > 28),
    created_at            timestamptz NOT NULL,
    signs_from            timestamptz NOT NULL,
    signs_until           timestamptz,
    published_until       timestamptz,
    CHECK (signs_from >= created_at),
    CHECK (published_until IS NULL OR (signs_until IS NOT NULL AND published_until >= signs_until))
);

