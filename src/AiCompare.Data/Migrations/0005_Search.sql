-- Full-text search over published and unpublished tools (the query filters on IsPublished).
-- rowid = Tool.Id; triggers keep it in step with Tool, so every write path (import, admin) is covered.

CREATE VIRTUAL TABLE ToolSearch USING fts5(
    Name, Tagline, Vendor, Category, Description,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO ToolSearch (rowid, Name, Tagline, Vendor, Category, Description)
SELECT t.Id, t.Name, t.Tagline, COALESCE(t.Vendor, ''), c.Name, t.Description
FROM Tool t JOIN Category c ON c.Id = t.CategoryId;

CREATE TRIGGER TR_Tool_Search_Insert AFTER INSERT ON Tool BEGIN
    INSERT INTO ToolSearch (rowid, Name, Tagline, Vendor, Category, Description)
    VALUES (new.Id, new.Name, new.Tagline, COALESCE(new.Vendor, ''), (SELECT Name FROM Category WHERE Id = new.CategoryId), new.Description);
END;

CREATE TRIGGER TR_Tool_Search_Update AFTER UPDATE OF Name, Tagline, Vendor, CategoryId, Description ON Tool BEGIN
    DELETE FROM ToolSearch WHERE rowid = old.Id;
    INSERT INTO ToolSearch (rowid, Name, Tagline, Vendor, Category, Description)
    VALUES (new.Id, new.Name, new.Tagline, COALESCE(new.Vendor, ''), (SELECT Name FROM Category WHERE Id = new.CategoryId), new.Description);
END;

CREATE TRIGGER TR_Tool_Search_Delete AFTER DELETE ON Tool BEGIN
    DELETE FROM ToolSearch WHERE rowid = old.Id;
END;
