-- Failed sign-ins are kept as one counter per (office code, login) with
-- the time of the last failure: after 5, each further attempt from a
-- device without the login's device key waits 1 s, 2 s, 4 s, … up to
-- 15 minutes after the last failure. Device keys let a device that signed
-- in before skip that wait.

DROP TABLE sign_in_failures;

CREATE TABLE sign_in_throttle (
    -- Hex SHA-256 of (office code, login): a password typed into the login
    -- field by mistake is never stored readable.
    attempt_key    TEXT    PRIMARY KEY NOT NULL,
    failures       INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL
);
CREATE INDEX sign_in_throttle_last_failed_at ON sign_in_throttle (last_failed_at);

CREATE TABLE device_keys (
    -- Hex SHA-256 of the key; the key itself is only on the device.
    key_hash     TEXT    PRIMARY KEY NOT NULL,
    staff_id     TEXT NOT NULL REFERENCES staff (id),
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    -- Failed sign-ins with this key since its last success; at 10 the key
    -- is no longer honoured.
    failures     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX device_keys_staff ON device_keys (staff_id);
CREATE INDEX device_keys_last_used_at ON device_keys (last_used_at);
