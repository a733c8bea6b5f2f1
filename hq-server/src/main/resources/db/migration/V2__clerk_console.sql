-- What the clerk console needs (decision 0028): where booths are, clerks' roles, and a log of calls.
-- Same rules as V1 (one file for SQLite and PostgreSQL): timestamps are BIGINT milliseconds (UTC) from the
-- application's clock; booleans are INTEGER 0/1 where a timestamp cannot say it; keys are application-made text.
-- Columns are added with defaults, so rows written before this migration stay valid.

-- Where a booth stands, e.g. "北部出張所 1階" ('' when not told). A code's location goes to the booth enrolled with it.
ALTER TABLE booths ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE enrolment_codes ADD COLUMN location TEXT NOT NULL DEFAULT '';

-- An admin clerk may make enrolment codes, revoke booths and manage clerk accounts.
ALTER TABLE clerks ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1));
-- NULL while the clerk may log in; set by an admin, and then no login and no session works.
ALTER TABLE clerks ADD COLUMN disabled_at BIGINT;

-- Calls as they ended: answered (by whom, when), or cancelled / abandoned while waiting. For the clerks' history
-- and for knowing which clerk answered a call. No resident's data: reference numbers and ids only.
-- booth_id is not a foreign key: a call outlives nothing, and the log must keep a call whatever happens to its booth.
CREATE TABLE call_log (
    call_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    booth_id     VARCHAR(64) NOT NULL,
    procedure_id TEXT        NOT NULL,
    routing      TEXT        NOT NULL,
    reference    VARCHAR(64),                         -- the application the call carried, if any
    priority     INTEGER     NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
    queued_at    BIGINT      NOT NULL,
    answered_at  BIGINT,                              -- NULL: nobody answered it
    answered_by  VARCHAR(64) REFERENCES clerks (id),
    ended_reason VARCHAR(20),                         -- NULL when answered; else cancelled, booth_gone or abandoned
    CONSTRAINT call_log_answered_complete CHECK ((answered_at IS NULL) = (answered_by IS NULL))
);
CREATE INDEX call_log_queued_at ON call_log (queued_at);
CREATE INDEX call_log_answered_by ON call_log (answered_by);
CREATE INDEX applications_decided_at ON applications (decided_at);
