-- The booth's local store: the outbox, booth settings, the audit trail.
--
-- Timestamps are BIGINT milliseconds since 1970-01-01T00:00:00Z (UTC) from the application's clock.
-- Nothing personal is stored in clear: an application lives only as AES-256-GCM ciphertext in
-- outbox.ciphertext until headquarters confirms it; the audit trail holds events and reference
-- numbers only (docs/decisions/0019-booth-local-store.md).

-- Signed applications waiting for headquarters. Deleted (secure_delete, WAL checkpointed) once
-- headquarters confirms delivery. AUTOINCREMENT: ids are never reused, so id order is enqueue order.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reference       TEXT    NOT NULL,          -- the booth's reference number, MD-YYYYMMDD-XXXXXX
    idempotency_key TEXT    NOT NULL UNIQUE,   -- sent with every delivery attempt; stored once
    created_at      BIGINT  NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at BIGINT,
    last_error      TEXT,                      -- an error code (e.g. "hq.unreachable"), never a message
    nonce           BLOB    NOT NULL,          -- 12 random bytes, fresh per entry
    ciphertext      BLOB    NOT NULL           -- AES-256-GCM, AAD = reference and idempotency key; tag appended
);

-- Booth settings: known keys only (Settings validates them); absent means "the default".
CREATE TABLE settings (
    setting_key TEXT   NOT NULL PRIMARY KEY,
    value       TEXT   NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- The audit trail: events and reference numbers, hash-chained.
-- hash = SHA-256(prev_hash || '\n' || "seq|time|event|reference"), lowercase hex; row 1 chains from
-- AuditTrail.GENESIS_HASH.
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,            -- 1, 2, 3 ... assigned by AuditTrail, no gaps
    at         BIGINT  NOT NULL,
    event      TEXT    NOT NULL,
    reference  TEXT,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
);
