-- Sessions get a public id (what 管理者 see and revoke; never the token)
-- and a last-use time (sliding expiry). Device ids are bound to the session
-- that pushes them, and every stored change names the staff member whose
-- session pushed it.

ALTER TABLE sessions ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE sessions ALTER COLUMN id DROP DEFAULT;
ALTER TABLE sessions ADD CONSTRAINT sessions_id_key UNIQUE (id);
-- Moved forward at most once an hour; expires_at moves with it.
ALTER TABLE sessions ADD COLUMN last_used_at timestamptz;
UPDATE sessions SET last_used_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_used_at SET NOT NULL;
CREATE INDEX sessions_staff ON sessions (staff_id);

CREATE TABLE device_bindings (
    office_id  uuid        NOT NULL REFERENCES offices (id),
    device_id  text        NOT NULL,
    -- The session that pushed this device id first (or took it over once
    -- the session before it had ended).
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    staff_id   uuid        NOT NULL REFERENCES staff (id),
    bound_at   timestamptz NOT NULL,
    PRIMARY KEY (office_id, device_id)
);
CREATE INDEX device_bindings_session ON device_bindings (session_id);

-- NULL for changes stored before this migration.
ALTER TABLE changes ADD COLUMN staff_id uuid REFERENCES staff (id);
