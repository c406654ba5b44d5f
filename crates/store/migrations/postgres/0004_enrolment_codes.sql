-- One-time enrolment codes from the credential office: only a hash of each code is kept.
CREATE TABLE enrolment_codes (
    code_hash  BYTEA PRIMARY KEY,
    member_id  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);
