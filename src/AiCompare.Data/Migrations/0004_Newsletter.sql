-- Newsletter "Weekly AI Tool Verdicts": double opt-in subscribers, weekly digests and a per-recipient send log.

CREATE TABLE Subscriber (
    Id                  INTEGER NOT NULL CONSTRAINT PK_Subscriber PRIMARY KEY,
    Email               TEXT    NOT NULL,                -- normalised address: needed to send
    Status              TEXT    NOT NULL CONSTRAINT CK_Subscriber_Status CHECK (Status IN ('pending', 'confirmed', 'unsubscribed')),
    ConsentAt           TEXT    NULL,                    -- when the confirmation link was used
    ConsentTextVersion  TEXT    NULL,                    -- which signup wording they agreed to
    ConsentAddressHash  TEXT    NULL,                    -- keyed hash of the address at signup, never the address
    LastEmailAt         TEXT    NULL,                    -- throttles confirmation emails to one address
    CreatedAt           TEXT    NOT NULL,
    UpdatedAt           TEXT    NOT NULL,
    CONSTRAINT UX_Subscriber_Email UNIQUE (Email)
);

CREATE INDEX IX_Subscriber_Status ON Subscriber (Status);

CREATE TABLE Digest (
    Id           INTEGER NOT NULL CONSTRAINT PK_Digest PRIMARY KEY,
    WeekOf       TEXT    NOT NULL,                       -- the scheduled send date, yyyy-MM-dd
    Subject      TEXT    NOT NULL,
    TextBody     TEXT    NOT NULL,
    HtmlBody     TEXT    NOT NULL,
    Status       TEXT    NOT NULL CONSTRAINT CK_Digest_Status CHECK (Status IN ('sending', 'sent')),
    LockedBy     TEXT    NULL,                           -- the instance holding the send lease
    LockedUntil  TEXT    NULL,
    CreatedAt    TEXT    NOT NULL,
    SentAt       TEXT    NULL,
    CONSTRAINT UX_Digest_WeekOf UNIQUE (WeekOf)
);

-- One row per recipient and digest. 'sending' is written and committed before the SMTP call, so a
-- crash between the two never leads to a second copy: at most once, and the uncertain ones are logged.
CREATE TABLE DigestSend (
    DigestId      INTEGER NOT NULL CONSTRAINT FK_DigestSend_Digest REFERENCES Digest (Id) ON DELETE CASCADE,
    SubscriberId  INTEGER NOT NULL CONSTRAINT FK_DigestSend_Subscriber REFERENCES Subscriber (Id) ON DELETE CASCADE,
    Status        TEXT    NOT NULL CONSTRAINT CK_DigestSend_Status CHECK (Status IN ('sending', 'sent', 'failed')),
    Attempts      INTEGER NOT NULL DEFAULT 0,
    NextAttemptAt TEXT    NULL,
    LastError     TEXT    NULL,
    UpdatedAt     TEXT    NOT NULL,
    CONSTRAINT PK_DigestSend PRIMARY KEY (DigestId, SubscriberId)
) WITHOUT ROWID;
