-- The case team's age X25519 public keys (age1...). Reports are sealed to every key listed
-- here; the private keys never reach the database.
CREATE TABLE team_recipients (
    recipient TEXT PRIMARY KEY,
    label     TEXT,
    added_at  BIGINT NOT NULL
);

-- Sealed reports. Only what the case team needs to find and route a report is in the clear:
-- its source, the sender's ref, the hour it was submitted and its status. The content is one
-- age file (ciphertext) wrapped to the team keys named by key_id. Times are whole hours so
-- that the database does not hold the exact moment anyone reported. A receipt is kept only
-- as a keyed index (for lookup) and an Argon2id hash; imported reports have none.
CREATE TABLE reports (
    id             BIGSERIAL PRIMARY KEY,
    source         TEXT NOT NULL,
    ref            TEXT,
    submitted_hour BIGINT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'new',
    key_id         TEXT NOT NULL,
    ciphertext     BYTEA NOT NULL,
    receipt_index  BYTEA UNIQUE,
    receipt_hash   TEXT,
    updated_hour   BIGINT NOT NULL,
    CHECK ((receipt_index IS NULL) = (receipt_hash IS NULL)),
    UNIQUE (source, ref)
);

CREATE INDEX reports_status ON reports (status, submitted_hour);

-- What was done with reports and by whom (exports now; decryptions and reveals later), each
-- row chained to the previous one by a BLAKE3 hash so that a removed or altered row shows.
CREATE TABLE audit_events (
    id        BIGSERIAL PRIMARY KEY,
    at        BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BYTEA NOT NULL,
    hash      BYTEA NOT NULL
);
