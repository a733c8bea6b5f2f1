-- Calls whose clerk went away while holding them (decision 0032): the call went back to its queue, and its row in
-- call_log was reset to "not answered" so another clerk's answer is logged there. This table keeps who held it and
-- why it went back, so the clerk's console, when it comes back, is told "returned" rather than "not yours", and the
-- hold is on record. Same rules as V1 and V2: BIGINT milliseconds, ids only, no resident's data.
CREATE TABLE call_returns (
    call_id     VARCHAR(64) NOT NULL,
    clerk_id    VARCHAR(64) NOT NULL REFERENCES clerks (id),
    answered_at BIGINT      NOT NULL,
    returned_at BIGINT      NOT NULL,
    reason      VARCHAR(20) NOT NULL,                  -- clerk_unseen or session_ended
    PRIMARY KEY (call_id, answered_at)
);
CREATE INDEX call_returns_clerk ON call_returns (clerk_id, call_id);

-- The SHA-256 (hex) of a submission's signed bytes and signature (IntakeService, decision 0032): the same signed
-- application is stored once, whatever idempotency key it comes with. The same booth resending it under a new key
-- gets the first receipt; another booth gets 409 replayed. Decided in the intake's write transaction
-- (Applications.submitOnce), so the index is not unique: the store's plain submit (tests, tools) may keep copies.
-- NULL for applications stored before this migration.
ALTER TABLE applications ADD COLUMN content_sha256 VARCHAR(64);
CREATE INDEX applications_content_sha256 ON applications (content_sha256);
