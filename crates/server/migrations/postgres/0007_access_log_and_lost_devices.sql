-- The access log (docs/accounts.md, "Access log"): who read (pulled) or
-- wrote (pushed) which client's records, when, from which session, and how
-- many records: one row per client per pull or push. Append-only: the
-- server never updates or deletes a row (a purge leaves them: they hold ids
-- and counts only, never names or record data).
--
-- A record belongs to a client when its winning `client_id` write names
-- them (the rule a purge uses); a client record belongs to itself.
-- record_clients keeps that winning write per record (the highest stamp,
-- as every device merges), so a pull or push finds each record's client in
-- one join instead of merging bodies.

CREATE TABLE record_clients (
    office_id     uuid   NOT NULL REFERENCES offices (id),
    record_id     uuid   NOT NULL,
    -- NULL: the winning write names no client (null, or not a UUID).
    client_id     uuid,
    -- The stamp of the winning client_id write (ms, counter, device).
    stamp_ms      bigint NOT NULL,
    stamp_counter bigint NOT NULL,
    stamp_device  text   NOT NULL,
    PRIMARY KEY (office_id, record_id)
);

-- Records stored before this migration: the winning client_id write of
-- each, from the stored bodies. Devices write ids hyphenated; anything else
-- counts as no client. (Device ids compare byte-wise, as on devices.)
INSERT INTO record_clients (office_id, record_id, client_id, stamp_ms, stamp_counter, stamp_device)
SELECT office_id, record_id,
       CASE WHEN client_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            THEN client_id::uuid END,
       ms, counter, device
FROM (
    SELECT c.office_id, c.record_id,
           CASE WHEN jsonb_typeof(w -> 'value') = 'string' THEN w ->> 'value' END AS client_id,
           (w -> 'stamp' ->> 'ms')::bigint AS ms,
           (w -> 'stamp' ->> 'counter')::bigint AS counter,
           w -> 'stamp' ->> 'device' AS device,
           row_number() OVER (
               PARTITION BY c.office_id, c.record_id
               ORDER BY (w -> 'stamp' ->> 'ms')::bigint DESC,
                        (w -> 'stamp' ->> 'counter')::bigint DESC,
                        (w -> 'stamp' ->> 'device') COLLATE "C" DESC
           ) AS n
    FROM changes c CROSS JOIN LATERAL jsonb_array_elements(c.body::jsonb -> 'writes') AS w
    WHERE w ->> 'field' = 'client_id'
) AS winners
WHERE n = 1 AND ms IS NOT NULL AND counter IS NOT NULL AND device IS NOT NULL;

CREATE TABLE access_log (
    -- Insertion order; rows are listed newest first.
    id         bigserial   PRIMARY KEY,
    office_id  uuid        NOT NULL REFERENCES offices (id),
    at         timestamptz NOT NULL,
    staff_id   uuid        NOT NULL REFERENCES staff (id),
    -- No foreign key: ended sessions are forgotten after 90 days, the log
    -- stays.
    session_id uuid        NOT NULL,
    -- NULL: records of no client (関係機関, office-wide records).
    client_id  uuid,
    action     text        NOT NULL CHECK (action IN ('read', 'write')),
    records    bigint      NOT NULL
);
CREATE INDEX access_log_office_at ON access_log (office_id, at);
CREATE INDEX access_log_client ON access_log (office_id, client_id, at);
CREATE INDEX access_log_staff ON access_log (office_id, staff_id, at);

-- Remote wipe: a 管理者 marks a session's device lost (the session is
-- revoked with it); its next request is answered device_lost and the
-- device erases itself. wipe_sent_at: when that answer was first given.
ALTER TABLE sessions ADD COLUMN lost_at timestamptz;
ALTER TABLE sessions ADD COLUMN wipe_sent_at timestamptz;
