-- Search indexes published tools only. Ranking scores a bounded window of a query's newest matches
-- (SearchRepository.RankWindow): with unpublished tools in the index, a run of new unpublished tools
-- matching a common word could fill that window and leave the page empty. The search statements still
-- filter on IsPublished; this keeps the window made of tools a reader may see.
-- PostgreSQL (issue 20) needs the same rule in its own search index.

DROP TRIGGER TR_Tool_Search_Insert;
DROP TRIGGER TR_Tool_Search_Update;

DELETE FROM ToolSearch WHERE rowid IN (SELECT Id FROM Tool WHERE IsPublished = 0);

CREATE TRIGGER TR_Tool_Search_Insert AFTER INSERT ON Tool WHEN new.IsPublished = 1 BEGIN
    INSERT INTO ToolSearch (rowid, Name, Tagline, Vendor, Category, Description)
    VALUES (new.Id, new.Name, new.Tagline, COALESCE(new.Vendor, ''), (SELECT Name FROM Category WHERE Id = new.CategoryId), new.Description);
END;

-- Published or unpublished, renamed or moved: taken out, and put back in as it now is if it is published.
CREATE TRIGGER TR_Tool_Search_Update AFTER UPDATE OF Name, Tagline, Vendor, CategoryId, Description, IsPublished ON Tool BEGIN
    DELETE FROM ToolSearch WHERE rowid = old.Id;
    INSERT INTO ToolSearch (rowid, Name, Tagline, Vendor, Category, Description)
    SELECT new.Id, new.Name, new.Tagline, COALESCE(new.Vendor, ''), (SELECT Name FROM Category WHERE Id = new.CategoryId), new.Description
    WHERE new.IsPublished = 1;
END;
