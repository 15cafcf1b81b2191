-- The picker resolves a typed name to its tool and type-ahead reads names by prefix: without this index
-- each is a scan of the whole catalog. NOCASE is SQLite's; PostgreSQL would index lower(Name) instead.
CREATE INDEX IX_Tool_Name ON Tool (Name COLLATE NOCASE, Id) WHERE IsPublished = 1;

-- A sitemap file lists each of its tools with the next tools of the same category by name: one seek per
-- tool on this index, instead of numbering the whole catalog for every file.
CREATE INDEX IX_Tool_CategoryId_Name ON Tool (CategoryId, Name, Id) WHERE IsPublished = 1;
