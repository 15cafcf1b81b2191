-- Editors, their audit trail, slug redirects and the panel-verdict history.

CREATE TABLE Editor (
    Id             INTEGER NOT NULL CONSTRAINT PK_Editor PRIMARY KEY,
    Email          TEXT    NOT NULL,                 -- normalised: trimmed, lowercase
    DisplayName    TEXT    NOT NULL,
    PasswordHash   TEXT    NOT NULL,
    Role           TEXT    NOT NULL CONSTRAINT CK_Editor_Role CHECK (Role IN ('admin', 'editor')),
    SecurityStamp  TEXT    NOT NULL,                 -- changes on sign-out, password change, disable: ends other sessions
    IsDisabled     INTEGER NOT NULL DEFAULT 0,
    FailedLogins   INTEGER NOT NULL DEFAULT 0,
    LockoutEnd     TEXT    NULL,
    CreatedAt      TEXT    NOT NULL,
    UpdatedAt      TEXT    NOT NULL,
    CONSTRAINT UX_Editor_Email UNIQUE (Email)
);

CREATE TABLE AuditLog (
    Id        INTEGER NOT NULL CONSTRAINT PK_AuditLog PRIMARY KEY,
    At        TEXT    NOT NULL,
    EditorId  INTEGER NULL CONSTRAINT FK_AuditLog_Editor REFERENCES Editor (Id),
    Action    TEXT    NOT NULL,                      -- e.g. tool.create, review.update, editor.disable
    Subject   TEXT    NOT NULL,                      -- what was changed, e.g. "tool smolvlm2"
    Detail    TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX IX_AuditLog_At ON AuditLog (At DESC, Id DESC);

-- An old slug keeps answering 301 to the tool's current slug, forever.
CREATE TABLE SlugRedirect (
    OldSlug  TEXT    NOT NULL CONSTRAINT PK_SlugRedirect PRIMARY KEY,
    ToolId   INTEGER NOT NULL CONSTRAINT FK_SlugRedirect_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    At       TEXT    NOT NULL
);

CREATE INDEX IX_SlugRedirect_ToolId ON SlugRedirect (ToolId);

-- Every change of a tool's panel verdict or split, with its date.
CREATE TABLE VerdictHistory (
    Id       INTEGER NOT NULL CONSTRAINT PK_VerdictHistory PRIMARY KEY,
    ToolId   INTEGER NOT NULL CONSTRAINT FK_VerdictHistory_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    At       TEXT    NOT NULL,
    Ships    INTEGER NOT NULL,
    Skips    INTEGER NOT NULL
);

CREATE INDEX IX_VerdictHistory_ToolId ON VerdictHistory (ToolId, At);

-- The verdicts already in the catalog start the history, dated by their panel review.
INSERT INTO VerdictHistory (ToolId, At, Ships, Skips)
SELECT t.Id,
       COALESCE(t.ReviewedOn, substr(t.UpdatedAt, 1, 10)),
       (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'ship'),
       (SELECT COUNT(*) FROM Review r WHERE r.ToolId = t.Id AND r.Verdict = 'skip')
FROM Tool t
WHERE EXISTS (SELECT 1 FROM Review r WHERE r.ToolId = t.Id);
