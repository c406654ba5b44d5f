-- The department's roster, replaced atomically on every import.
CREATE TABLE roster_members (
    member_id           TEXT PRIMARY KEY,
    last_name           TEXT NOT NULL,
    first_name          TEXT NOT NULL,
    rank                TEXT NOT NULL,
    shield_series       TEXT,
    shield_number       TEXT,
    tax_registry_number TEXT NOT NULL UNIQUE,
    command_code        TEXT NOT NULL,
    squad               TEXT,
    status              TEXT NOT NULL,
    photo_sha256        TEXT,
    CHECK ((shield_series IS NULL) = (shield_number IS NULL)),
    UNIQUE (shield_series, shield_number)
);

-- One row per roster import: when, how many members, and a digest of the file.
CREATE TABLE roster_imports (
    id            BIGSERIAL PRIMARY KEY,
    imported_at   BIGINT NOT NULL,
    member_count  BIGINT NOT NULL,
    source_digest TEXT NOT NULL
);
