-- Signed status list tokens (CWT form), written by the credential office's commands and
-- served as they are, so that the server never needs the issuer passphrase.
CREATE TABLE status_list_tokens (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    list_uri  TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    token     BLOB NOT NULL
) STRICT;

CREATE INDEX status_list_tokens_latest ON status_list_tokens (list_uri, id);
