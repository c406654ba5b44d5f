-- Photos attached to reports. Each photo is kept twice, each one complete age file sealed to
-- the same team keys as its report: the original byte for byte (evidence) and a copy with its
-- metadata (EXIF, GPS, XMP, comments, text chunks) removed, which is what analysts view.
-- Nothing about a photo is in the clear but which report it belongs to, its place in the
-- report and which of the two it is; even its kind (JPEG or PNG) is inside the ciphertext.
-- Depends only on 0005 (reports), so it applies whatever other migrations exist beside it.
CREATE TABLE report_attachments (
    id         BIGSERIAL PRIMARY KEY,
    report_id  BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position   BIGINT NOT NULL CHECK (position >= 1),
    variant    TEXT NOT NULL CHECK (variant IN ('original', 'stripped')),
    key_id     TEXT NOT NULL,
    ciphertext BYTEA NOT NULL,
    UNIQUE (report_id, position, variant)
);
