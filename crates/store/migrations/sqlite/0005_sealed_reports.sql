-- The case team's age X25519 public keys (age1...). Reports are sealed to every key listed
-- here; the private keys never reach the database.
CREATE TABLE team_recipients (
    recipient TEXT PRIMARY KEY NOT NULL,
    label     TEXT,
    added_at  INTEGER NOT NULL
) STRICT;

-- Sealed reports. Only what the case team needs to find and route a report is in the clear:
-- its source, the sender's ref, the hour it was submitted and its status. The content is one
-- age file (ciphertext) wrapped to the team keys named by key_id. Times are whole hours so
-- that the database does not hold the exact moment anyone reported. A receipt is kept only
-- as a keyed index (for lookup) and an Argon2id hash; imported reports have none.
CREATE TABLE reports (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    source         TEXT NOT NULL,
    ref            TEXT,
    submitted_hour INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'new',
    key_id         TEXT NOT NULL,
    ciphertext     BLOB NOT NULL,
    receipt_index  BLOB UNIQUE,
    receipt_hash   TEXT,
    updated_hour   INTEGER NOT NULL,
    CHECK ((receipt_index IS NULL) = (receipt_hash IS NULL)),
    UNIQUE (source, ref)
) STRICT;

CREATE INDEX reports_status ON reports (status, submitted_hour);

-- What was done with reports and by whom (exports now; decryptions and reveals later), each
-- row chained to the previous one by a BLAKE3 hash so that a removed or altered row shows.
CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
) STRICT;
