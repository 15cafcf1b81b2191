-- Sign-in throttling per (account, client address) instead of one lock per account, which anyone could
-- set off to keep the owner out. An address is stored only as the site's keyed hash of it.

-- One row per account and address that has been failing: its failures since its last success, and
-- until when that address may not try this account again.
CREATE TABLE SignInThrottle (
    EditorId      INTEGER NOT NULL CONSTRAINT FK_SignInThrottle_Editor REFERENCES Editor (Id) ON DELETE CASCADE,
    AddressHash   TEXT    NOT NULL,
    Failures      INTEGER NOT NULL,
    BlockedUntil  TEXT    NULL,
    LastFailureAt TEXT    NOT NULL,
    CONSTRAINT PK_SignInThrottle PRIMARY KEY (EditorId, AddressHash)
);

-- Every checked attempt that has not (yet) succeeded, kept 24 hours: the account-wide budget counts the
-- last minutes of it, and the editors page shows the last day.
CREATE TABLE SignInFailure (
    Id          INTEGER NOT NULL CONSTRAINT PK_SignInFailure PRIMARY KEY,
    EditorId    INTEGER NOT NULL CONSTRAINT FK_SignInFailure_Editor REFERENCES Editor (Id) ON DELETE CASCADE,
    AddressHash TEXT    NOT NULL,
    At          TEXT    NOT NULL
);

CREATE INDEX IX_SignInFailure_EditorId_At ON SignInFailure (EditorId, At);

-- The old per-account lock goes: nothing reads it any more, and a lock set before the upgrade must not outlive it.
ALTER TABLE Editor DROP COLUMN FailedLogins;
ALTER TABLE Editor DROP COLUMN LockoutEnd;
