-- One-time enrolment codes from the credential office: only a hash of each code is kept.
CREATE TABLE enrolment_codes (
    code_hash  BLOB PRIMARY KEY NOT NULL,
    member_id  TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
) STRICT;
