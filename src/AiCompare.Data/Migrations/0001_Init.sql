-- Catalog: critics, categories, tools and the panel's reviews.
-- Dates are ISO-8601 text; prices are integer micro-dollars per 1M tokens (never a binary float).

CREATE TABLE Critic (
    Id            INTEGER NOT NULL CONSTRAINT PK_Critic PRIMARY KEY,
    Slug          TEXT    NOT NULL,
    Name          TEXT    NOT NULL,
    Label         TEXT    NOT NULL,
    Role          TEXT    NULL,
    Motto         TEXT    NULL,
    SortOrder     INTEGER NOT NULL DEFAULT 0,
    ExcitedAbout  TEXT    NOT NULL DEFAULT '[]',
    TiredOf       TEXT    NOT NULL DEFAULT '[]',
    Bio           TEXT    NOT NULL DEFAULT '',
    BioHtml       TEXT    NOT NULL DEFAULT '',
    ContentHash   TEXT    NULL,
    UpdatedAt     TEXT    NOT NULL,
    CONSTRAINT UX_Critic_Slug UNIQUE (Slug)
);

CREATE TABLE Category (
    Id    INTEGER NOT NULL CONSTRAINT PK_Category PRIMARY KEY,
    Slug  TEXT    NOT NULL,
    Name  TEXT    NOT NULL,
    CONSTRAINT UX_Category_Slug UNIQUE (Slug)
);

CREATE TABLE Tool (
    Id              INTEGER NOT NULL CONSTRAINT PK_Tool PRIMARY KEY,
    Slug            TEXT    NOT NULL,
    Name            TEXT    NOT NULL,
    Tagline         TEXT    NOT NULL,
    CategoryId      INTEGER NOT NULL CONSTRAINT FK_Tool_Category REFERENCES Category (Id),
    Vendor          TEXT    NULL,
    Website         TEXT    NULL,
    ReviewedOn      TEXT    NULL,
    BestFor         TEXT    NULL,
    PricingEntry    TEXT    NOT NULL CONSTRAINT CK_Tool_PricingEntry CHECK (PricingEntry IN ('free', 'freemium', 'paid')),
    PricingSummary  TEXT    NOT NULL,
    InputMicroUsd   INTEGER NULL CONSTRAINT CK_Tool_InputMicroUsd CHECK (InputMicroUsd >= 0),
    OutputMicroUsd  INTEGER NULL CONSTRAINT CK_Tool_OutputMicroUsd CHECK (OutputMicroUsd >= 0),
    Description     TEXT    NOT NULL DEFAULT '',
    DescriptionHtml TEXT    NOT NULL DEFAULT '',
    IsPublished     INTEGER NOT NULL DEFAULT 1,
    ContentHash     TEXT    NULL,
    Version         INTEGER NOT NULL DEFAULT 1,
    CreatedAt       TEXT    NOT NULL,
    UpdatedAt       TEXT    NOT NULL,
    CONSTRAINT UX_Tool_Slug UNIQUE (Slug)
);

CREATE INDEX IX_Tool_CategoryId ON Tool (CategoryId, IsPublished);
CREATE INDEX IX_Tool_ReviewedOn ON Tool (ReviewedOn DESC) WHERE IsPublished = 1;

CREATE TABLE Review (
    Id         INTEGER NOT NULL CONSTRAINT PK_Review PRIMARY KEY,
    ToolId     INTEGER NOT NULL CONSTRAINT FK_Review_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    CriticId   INTEGER NOT NULL CONSTRAINT FK_Review_Critic REFERENCES Critic (Id),
    Score      INTEGER NOT NULL CONSTRAINT CK_Review_Score CHECK (Score BETWEEN 0 AND 100),
    Verdict    TEXT    NOT NULL CONSTRAINT CK_Review_Verdict CHECK (Verdict IN ('ship', 'skip')),
    Quote      TEXT    NOT NULL,
    ReviewedOn TEXT    NULL,
    UpdatedAt  TEXT    NOT NULL,
    CONSTRAINT UX_Review_Tool_Critic UNIQUE (ToolId, CriticId)
);

CREATE INDEX IX_Review_CriticId ON Review (CriticId);
