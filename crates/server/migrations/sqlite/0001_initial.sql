-- 連携ノート server schema (SQLite). Ids are UUID text, times are
-- milliseconds since the Unix epoch (UTC) so comparisons are numeric.

CREATE TABLE offices (
    id          TEXT    PRIMARY KEY NOT NULL,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    -- The cursor the next stored change of this office gets.
    next_cursor INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL
);

CREATE TABLE staff (
    id            TEXT    PRIMARY KEY NOT NULL,
    office_id     TEXT    NOT NULL REFERENCES offices (id),
    login         TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'staff')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (office_id, login)
);

CREATE TABLE sessions (
    -- Hex SHA-256 of the bearer token; the token itself is never stored.
    token_hash TEXT    PRIMARY KEY NOT NULL,
    staff_id   TEXT    NOT NULL REFERENCES staff (id),
    office_id  TEXT    NOT NULL REFERENCES offices (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE changes (
    office_id   TEXT    NOT NULL REFERENCES offices (id),
    cursor      INTEGER NOT NULL,
    device_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    record_id   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    -- The change as JSON, exactly as it is handed out again.
    body        TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    UNIQUE (office_id, cursor),
    UNIQUE (office_id, device_id, seq)
);

CREATE TABLE sign_in_failures (
    -- Hex SHA-256 of (office code, login): a password typed into the login
    -- field by mistake is never stored readable.
    attempt_key TEXT    NOT NULL,
    failed_at   INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (attempt_key, failed_at);
CREATE INDEX sign_in_failures_failed_at ON sign_in_failures (failed_at);
