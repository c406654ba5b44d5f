-- Follow-up with a receipt, the case team's side, and retention.
--
-- reporter_recipient: the reporter's own age X25519 public key, derived from the receipt at
-- submission (the secret half is derived again only when the receipt is presented, and never
-- stored). Team replies are sealed to it, so the server can open them only for the person
-- holding the receipt. NULL for reports stored before this migration and for imports: no
-- replies through the receipt are possible for those.
-- opened_count / disclosed_count: how often the case team decrypted the report, and how often
-- content was recorded as leaving the City; each one is also an audit event.
-- updated_hour (already present) is the hour the status last changed: retention counts from it.
-- reporter_activity_hour: the hour of the reporter's last addendum or message, which pushes a
-- purge back by the grace period.
ALTER TABLE reports ADD COLUMN reporter_recipient TEXT;
ALTER TABLE reports ADD COLUMN opened_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN disclosed_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN reporter_activity_hour INTEGER;

CREATE INDEX reports_retention ON reports (status, updated_hour);

-- What the reporter added and the messages between reporter and case team, each one an age
-- file: sealed to the team keys (key_id), and, for reports with a reporter key, to the reporter
-- as well. Only who wrote it, what kind it is and the hour are in the clear.
CREATE TABLE report_entries (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id    INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    author       TEXT NOT NULL CHECK (author IN ('reporter', 'team')),
    kind         TEXT NOT NULL CHECK (kind IN ('addendum', 'message')),
    created_hour INTEGER NOT NULL,
    key_id       TEXT NOT NULL,
    ciphertext   BLOB NOT NULL
) STRICT;

CREATE INDEX report_entries_report ON report_entries (report_id, id);
