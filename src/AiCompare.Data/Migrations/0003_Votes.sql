-- Community ship/skip votes: one per (tool, voter), changeable. A voter is a random id held in a
-- cookie; the address is kept only as a keyed hash, to cap how many voters one machine can be.

CREATE TABLE Vote (
    ToolId       INTEGER NOT NULL CONSTRAINT FK_Vote_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    VoterId      TEXT    NOT NULL,
    AddressHash  TEXT    NOT NULL,
    Verdict      TEXT    NOT NULL CONSTRAINT CK_Vote_Verdict CHECK (Verdict IN ('ship', 'skip')),
    CreatedAt    TEXT    NOT NULL,
    UpdatedAt    TEXT    NOT NULL,
    CONSTRAINT PK_Vote PRIMARY KEY (ToolId, VoterId)
) WITHOUT ROWID;

CREATE INDEX IX_Vote_ToolId_AddressHash ON Vote (ToolId, AddressHash);

-- Running totals kept in the same transaction as each vote, so pages read one row per tool.
CREATE TABLE VoteTally (
    ToolId  INTEGER NOT NULL CONSTRAINT PK_VoteTally PRIMARY KEY CONSTRAINT FK_VoteTally_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    Ships   INTEGER NOT NULL DEFAULT 0,
    Skips   INTEGER NOT NULL DEFAULT 0
);

-- Keys the site makes for itself on first use (e.g. the address-hash key), so restarts keep them.
CREATE TABLE SiteSecret (
    Name   TEXT NOT NULL CONSTRAINT PK_SiteSecret PRIMARY KEY,
    Value  TEXT NOT NULL
);
