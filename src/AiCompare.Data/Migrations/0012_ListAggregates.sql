-- Long lists read pages by key, and their counts from tables kept by triggers, so no public request
-- scans the catalog. Triggers rather than application code: every write path (admin, import, generate,
-- restore of an older file through its migrations) keeps them right in the same transaction.
-- PostgreSQL (issue 20) needs the same columns, tables and triggers (as trigger functions).

-- A tool's panel rank as one ascending integer: ship share first, then average score, both best first,
-- in millionths and thousandths so that integer maths orders them exactly as the ratios would round.
-- A tool without reviews ranks after every reviewed one. Votes are not part of it: they move all day.
ALTER TABLE Tool ADD COLUMN PanelRank INTEGER NOT NULL DEFAULT 2000000000000;

-- The tool's category and published state copied onto its reviews, so that a critic's verdicts page
-- by an index on Review alone, and so that a review deleted with its tool still knows what to uncount.
ALTER TABLE Review ADD COLUMN ToolCategoryId INTEGER NULL;
ALTER TABLE Review ADD COLUMN ToolIsPublished INTEGER NOT NULL DEFAULT 0;

-- Published tools per category.
CREATE TABLE CategoryCount (
    CategoryId  INTEGER NOT NULL CONSTRAINT PK_CategoryCount PRIMARY KEY CONSTRAINT FK_CategoryCount_Category REFERENCES Category (Id) ON DELETE CASCADE,
    Tools       INTEGER NOT NULL DEFAULT 0
);

-- A critic's reviews of published tools, and how many of them are ships, per category.
CREATE TABLE CriticCategoryCount (
    CriticId    INTEGER NOT NULL CONSTRAINT FK_CriticCategoryCount_Critic REFERENCES Critic (Id) ON DELETE CASCADE,
    CategoryId  INTEGER NOT NULL CONSTRAINT FK_CriticCategoryCount_Category REFERENCES Category (Id) ON DELETE CASCADE,
    Tools       INTEGER NOT NULL DEFAULT 0,
    Shipped     INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT PK_CriticCategoryCount PRIMARY KEY (CriticId, CategoryId)
);

-- A reviewed tool's place in its category's ranking, as one sortable integer: panel ship share first,
-- then panel average (the order Domain's PanelSummary describes). Tools without reviews have no row and
-- keep PanelRank's default, last. One definition for the backfill and every trigger below.
CREATE VIEW ReviewPanelRank AS
SELECT ToolId,
       (1000000 - SUM(CASE WHEN Verdict = 'ship' THEN 1 ELSE 0 END) * 1000000 / COUNT(*)) * 1000000
       + (100000 - SUM(Score) * 1000 / COUNT(*)) AS PanelRank
FROM Review GROUP BY ToolId;

-- Backfill.
UPDATE Tool SET PanelRank = COALESCE((SELECT v.PanelRank FROM ReviewPanelRank v WHERE v.ToolId = Tool.Id), 2000000000000);

UPDATE Review SET
    ToolCategoryId = (SELECT t.CategoryId FROM Tool t WHERE t.Id = Review.ToolId),
    ToolIsPublished = (SELECT t.IsPublished FROM Tool t WHERE t.Id = Review.ToolId);

INSERT INTO CategoryCount (CategoryId, Tools)
SELECT c.Id, (SELECT COUNT(*) FROM Tool t WHERE t.CategoryId = c.Id AND t.IsPublished = 1) FROM Category c;

INSERT INTO CriticCategoryCount (CriticId, CategoryId, Tools, Shipped)
SELECT r.CriticId, r.ToolCategoryId, COUNT(*), SUM(CASE WHEN r.Verdict = 'ship' THEN 1 ELSE 0 END)
FROM Review r WHERE r.ToolIsPublished = 1
GROUP BY r.CriticId, r.ToolCategoryId;

-- Pages of a category's ranking, and of a critic's verdicts (all, or one category's), best first.
-- Full indexes rather than partial ones: a partial index does not cover a query that names its filter
-- column, and the page-number COUNTs should read the index alone.
CREATE INDEX IX_Tool_CategoryId_PanelRank ON Tool (CategoryId, IsPublished, PanelRank, Id);
CREATE INDEX IX_Review_CriticId_Score ON Review (CriticId, ToolIsPublished, Score, ToolId);
CREATE INDEX IX_Review_CriticId_ToolCategoryId_Score ON Review (CriticId, ToolCategoryId, ToolIsPublished, Score, ToolId);

-- Category counts follow a tool's insert, delete, category and published state.
CREATE TRIGGER TR_Tool_Counts_Insert AFTER INSERT ON Tool WHEN new.IsPublished = 1 BEGIN
    INSERT INTO CategoryCount (CategoryId, Tools) VALUES (new.CategoryId, 1)
    ON CONFLICT (CategoryId) DO UPDATE SET Tools = Tools + 1;
END;

CREATE TRIGGER TR_Tool_Counts_Delete AFTER DELETE ON Tool WHEN old.IsPublished = 1 BEGIN
    UPDATE CategoryCount SET Tools = Tools - 1 WHERE CategoryId = old.CategoryId;
END;

-- Moving or (un)publishing a tool moves its reviews' counts too: out of the old place, into the new.
CREATE TRIGGER TR_Tool_Counts_Update AFTER UPDATE OF CategoryId, IsPublished ON Tool
WHEN old.CategoryId IS NOT new.CategoryId OR old.IsPublished IS NOT new.IsPublished BEGIN
    UPDATE CategoryCount SET Tools = Tools - 1 WHERE old.IsPublished = 1 AND CategoryId = old.CategoryId;
    INSERT INTO CategoryCount (CategoryId, Tools) SELECT new.CategoryId, 1 WHERE new.IsPublished = 1
    ON CONFLICT (CategoryId) DO UPDATE SET Tools = Tools + 1;

    UPDATE CriticCategoryCount SET
        Tools = Tools - (SELECT COUNT(*) FROM Review r WHERE r.ToolId = old.Id AND r.CriticId = CriticCategoryCount.CriticId),
        Shipped = Shipped - (SELECT COUNT(*) FROM Review r WHERE r.ToolId = old.Id AND r.CriticId = CriticCategoryCount.CriticId AND r.Verdict = 'ship')
    WHERE old.IsPublished = 1 AND CategoryId = old.CategoryId
      AND CriticId IN (SELECT r.CriticId FROM Review r WHERE r.ToolId = old.Id);
    INSERT INTO CriticCategoryCount (CriticId, CategoryId, Tools, Shipped)
    SELECT r.CriticId, new.CategoryId, 1, CASE WHEN r.Verdict = 'ship' THEN 1 ELSE 0 END
    FROM Review r WHERE r.ToolId = new.Id AND new.IsPublished = 1
    ON CONFLICT (CriticId, CategoryId) DO UPDATE SET Tools = Tools + excluded.Tools, Shipped = Shipped + excluded.Shipped;

    UPDATE Review SET ToolCategoryId = new.CategoryId, ToolIsPublished = new.IsPublished WHERE ToolId = new.Id;
END;

-- A review counts where its tool is, when its tool is published; and it moves its tool's panel rank.
CREATE TRIGGER TR_Review_Counts_Insert AFTER INSERT ON Review BEGIN
    UPDATE Review SET
        ToolCategoryId = (SELECT t.CategoryId FROM Tool t WHERE t.Id = new.ToolId),
        ToolIsPublished = (SELECT t.IsPublished FROM Tool t WHERE t.Id = new.ToolId)
    WHERE Id = new.Id;
    INSERT INTO CriticCategoryCount (CriticId, CategoryId, Tools, Shipped)
    SELECT new.CriticId, t.CategoryId, 1, CASE WHEN new.Verdict = 'ship' THEN 1 ELSE 0 END
    FROM Tool t WHERE t.Id = new.ToolId AND t.IsPublished = 1
    ON CONFLICT (CriticId, CategoryId) DO UPDATE SET Tools = Tools + 1, Shipped = Shipped + excluded.Shipped;
    UPDATE Tool SET PanelRank = COALESCE((SELECT v.PanelRank FROM ReviewPanelRank v WHERE v.ToolId = new.ToolId), 2000000000000)
    WHERE Id = new.ToolId;
END;

-- Runs for a review deleted by hand and for one deleted with its tool (the cascade), when the tool
-- row is already gone: so it reads the copied category and state, never the Tool table.
CREATE TRIGGER TR_Review_Counts_Delete AFTER DELETE ON Review BEGIN
    UPDATE CriticCategoryCount SET
        Tools = Tools - 1,
        Shipped = Shipped - CASE WHEN old.Verdict = 'ship' THEN 1 ELSE 0 END
    WHERE old.ToolIsPublished = 1 AND CriticId = old.CriticId AND CategoryId = old.ToolCategoryId;
    UPDATE Tool SET PanelRank = COALESCE((SELECT v.PanelRank FROM ReviewPanelRank v WHERE v.ToolId = old.ToolId), 2000000000000)
    WHERE Id = old.ToolId;
END;

-- An edited review: uncount the old row and count the new one (its tool may differ).
CREATE TRIGGER TR_Review_Counts_Update AFTER UPDATE OF ToolId, CriticId, Score, Verdict ON Review BEGIN
    UPDATE CriticCategoryCount SET
        Tools = Tools - 1,
        Shipped = Shipped - CASE WHEN old.Verdict = 'ship' THEN 1 ELSE 0 END
    WHERE old.ToolIsPublished = 1 AND CriticId = old.CriticId AND CategoryId = old.ToolCategoryId;
    UPDATE Review SET
        ToolCategoryId = (SELECT t.CategoryId FROM Tool t WHERE t.Id = new.ToolId),
        ToolIsPublished = (SELECT t.IsPublished FROM Tool t WHERE t.Id = new.ToolId)
    WHERE Id = new.Id;
    INSERT INTO CriticCategoryCount (CriticId, CategoryId, Tools, Shipped)
    SELECT new.CriticId, t.CategoryId, 1, CASE WHEN new.Verdict = 'ship' THEN 1 ELSE 0 END
    FROM Tool t WHERE t.Id = new.ToolId AND t.IsPublished = 1
    ON CONFLICT (CriticId, CategoryId) DO UPDATE SET Tools = Tools + 1, Shipped = Shipped + excluded.Shipped;
    UPDATE Tool SET PanelRank = COALESCE((SELECT v.PanelRank FROM ReviewPanelRank v WHERE v.ToolId = Tool.Id), 2000000000000)
    WHERE Id IN (old.ToolId, new.ToolId);
END;
