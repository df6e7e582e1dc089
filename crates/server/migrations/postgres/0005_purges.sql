-- Purging: five years after a client's service ended a 管理者 may delete the
-- client and every record about them (docs/sync.md, "Purge"). Their changes
-- are deleted from `changes`; what stays is which record ids were purged,
-- each under a cursor of the office's log (shared with `changes`, taken from
-- offices.next_cursor) so devices learn of it on their next pull, and who
-- purged which client when. No names or other record data.

CREATE TABLE purges (
    office_id    uuid        NOT NULL REFERENCES offices (id),
    -- The cursors of this purge's record ids: first_cursor ..= last_cursor.
    first_cursor bigint      NOT NULL,
    last_cursor  bigint      NOT NULL,
    client_id    uuid        NOT NULL,
    -- How many record ids (the client's included).
    records      bigint      NOT NULL,
    purged_at    timestamptz NOT NULL,
    purged_by    uuid        NOT NULL REFERENCES staff (id),
    PRIMARY KEY (office_id, first_cursor)
);
CREATE INDEX purges_client ON purges (office_id, client_id);

CREATE TABLE purged_records (
    office_id uuid   NOT NULL REFERENCES offices (id),
    record_id uuid   NOT NULL,
    -- Its place in the office's log: pulls hand it out with the changes.
    cursor    bigint NOT NULL,
    PRIMARY KEY (office_id, record_id),
    UNIQUE (office_id, cursor)
);

-- A record's changes (a purge reads the client's and deletes them all).
CREATE INDEX changes_record ON changes (office_id, record_id);
