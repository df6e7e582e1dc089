-- 連携ノート server schema (PostgreSQL).

CREATE TABLE offices (
    id          uuid        PRIMARY KEY,
    code        text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    -- The cursor the next stored change of this office gets; read and
    -- advanced under SELECT … FOR UPDATE so cursors commit in order.
    next_cursor bigint      NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL
);

CREATE TABLE staff (
    id            uuid        PRIMARY KEY,
    office_id     uuid        NOT NULL REFERENCES offices (id),
    login         text        NOT NULL,
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'staff')),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    disabled      boolean     NOT NULL DEFAULT false,
    UNIQUE (office_id, login)
);

CREATE TABLE sessions (
    -- Hex SHA-256 of the bearer token; the token itself is never stored.
    token_hash text        PRIMARY KEY,
    staff_id   uuid        NOT NULL REFERENCES staff (id),
    office_id  uuid        NOT NULL REFERENCES offices (id),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE changes (
    office_id   uuid        NOT NULL REFERENCES offices (id),
    cursor      bigint      NOT NULL,
    device_id   text        NOT NULL,
    seq         bigint      NOT NULL,
    record_id   uuid        NOT NULL,
    kind        text        NOT NULL,
    -- The change as JSON text, handed out again byte for byte (jsonb would
    -- reorder keys and reformat numbers for no gain: the server never
    -- looks inside).
    body        text        NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (office_id, cursor),
    UNIQUE (office_id, device_id, seq)
);

CREATE TABLE sign_in_failures (
    -- Hex SHA-256 of (office code, login): a password typed into the login
    -- field by mistake is never stored readable.
    attempt_key text        NOT NULL,
    failed_at   timestamptz NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (attempt_key, failed_at);
CREATE INDEX sign_in_failures_failed_at ON sign_in_failures (failed_at);
