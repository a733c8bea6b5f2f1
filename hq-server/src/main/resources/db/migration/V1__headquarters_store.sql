-- Headquarters' storage: enrolment codes, booths, clerks and their sessions, applications.
--
-- One file for SQLite and PostgreSQL, so it keeps to SQL both understand:
--   * timestamps are BIGINT milliseconds since 1970-01-01T00:00:00Z (UTC); "now" always comes
--     from the application's clock, never from the database, so tests can move time;
--   * text is TEXT or VARCHAR(n); booleans are derived (a NULL timestamp means "not yet");
--   * ${blob} is replaced by Flyway: BLOB on SQLite, BYTEA on PostgreSQL;
--   * keys are application-made text ids, not auto-increment columns (whose syntax differs).
-- Secrets are stored only as lowercase hex SHA-256 (enrolment codes, session tokens) or as the
-- PasswordHashing encoding (passwords); never in plain text.

-- One-time codes IT staff give a new booth. Consumed once, before expires_at.
CREATE TABLE enrolment_codes (
    code_hash   VARCHAR(64) NOT NULL PRIMARY KEY, -- SHA-256 of the code; the code is never stored
    booth_name  TEXT        NOT NULL,             -- the name the booth will get, e.g. "Kita branch 2"
    created_by  TEXT        NOT NULL,             -- who made the code (staff account or "cli")
    created_at  BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL,
    used_at     BIGINT                            -- NULL until consumed; set exactly once
);

-- Enrolled booths and their device certificates (issued by headquarters' device CA).
CREATE TABLE booths (
    id                 VARCHAR(64) NOT NULL PRIMARY KEY, -- "booth-" + random
    name               TEXT        NOT NULL,
    certificate_serial VARCHAR(64) NOT NULL UNIQUE,      -- lowercase hex, no leading zeros
    certificate_pem    TEXT        NOT NULL,
    enrolled_at        BIGINT      NOT NULL,
    revoked_at         BIGINT                            -- NULL while trusted; revocation is final
);
CREATE INDEX booths_revoked_at ON booths (revoked_at);

-- Headquarters clerks. username is stored normalised (NFKC, lower case).
CREATE TABLE clerks (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY, -- "clerk-" + random
    username        VARCHAR(128) NOT NULL UNIQUE,
    display_name    TEXT         NOT NULL,
    password_hash   TEXT         NOT NULL,             -- PasswordHashing's self-describing encoding
    failed_attempts INTEGER      NOT NULL DEFAULT 0,   -- wrong passwords since the last success/lock
    locked_until    BIGINT,                            -- NULL, or refused until this time
    created_at      BIGINT       NOT NULL
);

-- Clerk login sessions. Only the SHA-256 of the bearer token is kept; logout deletes the row.
CREATE TABLE clerk_sessions (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    clerk_id   VARCHAR(64) NOT NULL REFERENCES clerks (id),
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX clerk_sessions_clerk_id ON clerk_sessions (clerk_id);
CREATE INDEX clerk_sessions_expires_at ON clerk_sessions (expires_at);

-- Applications submitted by booths (intake) and the clerk's decision on each.
-- canonical_json holds the resident's personal data: never log it, nor verification.
CREATE TABLE applications (
    reference        VARCHAR(32)  NOT NULL PRIMARY KEY, -- human-readable, printed on the receipt
    booth_id         VARCHAR(64)  NOT NULL REFERENCES booths (id),
    idempotency_key  VARCHAR(128) NOT NULL,             -- chosen by the booth; unique per booth
    form_id          TEXT         NOT NULL,
    routing          TEXT         NOT NULL,             -- the department / queue it goes to
    canonical_json   ${blob}      NOT NULL,             -- the signed bytes, exactly as signed
    cms              ${blob}      NOT NULL,             -- the resident's JPKI CMS signature
    verification     TEXT         NOT NULL,             -- JSON: the result of each signature check
    status           VARCHAR(20)  NOT NULL DEFAULT 'received'
        CHECK (status IN ('received', 'accepted', 'correction_needed', 'rejected')),
    decision_message TEXT,                              -- the clerk's message to the resident
    decided_by       VARCHAR(64)  REFERENCES clerks (id),
    created_at       BIGINT       NOT NULL,
    decided_at       BIGINT,
    -- a resent submission finds the first one instead of making a second row
    CONSTRAINT applications_booth_idempotency_key UNIQUE (booth_id, idempotency_key),
    -- decided exactly when it has left 'received', and then by someone
    CONSTRAINT applications_decision_complete CHECK (
        (status = 'received' AND decided_at IS NULL AND decided_by IS NULL)
        OR (status <> 'received' AND decided_at IS NOT NULL AND decided_by IS NOT NULL))
);
CREATE INDEX applications_status_created_at ON applications (status, created_at);
