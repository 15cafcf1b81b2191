-- A tool page lists the first tools of its category by name as readers see names (case-insensitive, then
-- slug). 0013's IX_Tool_CategoryId_Name orders names by their bytes, so that list still sorted the whole
-- category on every render; this one hands it over in order. NOCASE is SQLite's; PostgreSQL (issue 20)
-- would index lower(Name) instead.
CREATE INDEX IX_Tool_CategoryId_NameNoCase ON Tool (CategoryId, Name COLLATE NOCASE, Slug) WHERE IsPublished = 1;
