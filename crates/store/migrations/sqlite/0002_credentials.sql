-- Issuer signing keys: the public key in the clear, the secret sealed with a passphrase
-- (Argon2id + XChaCha20-Poly1305, bound to the kid). A retired key signs nothing new but
-- still verifies until every credential it signed has expired.
CREATE TABLE issuer_keys (
    kid           TEXT PRIMARY KEY NOT NULL,
    public_key    BLOB NOT NULL,
    sealed_secret TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    retired_at    INTEGER
) STRICT;

-- Issued credentials: who, which key, the random status list index, validity and status.
-- No credential bytes are kept; the member id is not a foreign key because the roster is
-- replaced wholesale on import.
CREATE TABLE credentials (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id    TEXT NOT NULL,
    kid          TEXT NOT NULL REFERENCES issuer_keys (kid),
    status_index INTEGER NOT NULL UNIQUE,
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('valid', 'revoked', 'suspended'))
) STRICT;

CREATE INDEX credentials_member ON credentials (member_id);
