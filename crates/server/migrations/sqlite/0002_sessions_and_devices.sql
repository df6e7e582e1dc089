-- Sessions get a public id (what 管理者 see and revoke; never the token)
-- and a last-use time (sliding expiry). Device ids are bound to the session
-- that pushes them, and every stored change names the staff member whose
-- session pushed it.

CREATE TABLE sessions_new (
    -- Public id: UUID text.
    id           TEXT    PRIMARY KEY NOT NULL,
    -- Hex SHA-256 of the bearer token; the token itself is never stored.
    token_hash   TEXT    NOT NULL UNIQUE,
    staff_id     TEXT    NOT NULL REFERENCES staff (id),
    office_id    TEXT    NOT NULL REFERENCES offices (id),
    created_at   INTEGER NOT NULL,
    -- Moved forward at most once an hour; expires_at moves with it.
    last_used_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    -- Signed out, revoked by a 管理者, or ended by disabling the account.
    revoked_at   INTEGER
);
INSERT INTO sessions_new (id, token_hash, staff_id, office_id, created_at, last_used_at, expires_at, revoked_at)
SELECT lower(hex(randomblob(16))), token_hash, staff_id, office_id, created_at, created_at, expires_at, revoked_at
FROM sessions;
-- 32 hex digits → 8-4-4-4-12.
UPDATE sessions_new SET id = substr(id, 1, 8) || '-' || substr(id, 9, 4) || '-' || substr(id, 13, 4) || '-'
    || substr(id, 17, 4) || '-' || substr(id, 21, 12);
DROP TABLE sessions;
ALTER TABLE sessions_new RENAME TO sessions;
CREATE INDEX sessions_expires_at ON sessions (expires_at);
CREATE INDEX sessions_staff ON sessions (staff_id);

CREATE TABLE device_bindings (
    office_id  TEXT    NOT NULL REFERENCES offices (id),
    device_id  TEXT    NOT NULL,
    -- The session that pushed this device id first (or took it over once
    -- the session before it had ended).
    session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    staff_id   TEXT    NOT NULL REFERENCES staff (id),
    bound_at   INTEGER NOT NULL,
    PRIMARY KEY (office_id, device_id)
);
CREATE INDEX device_bindings_session ON device_bindings (session_id);

-- NULL for changes stored before this migration.
ALTER TABLE changes ADD COLUMN staff_id TEXT REFERENCES staff (id);
