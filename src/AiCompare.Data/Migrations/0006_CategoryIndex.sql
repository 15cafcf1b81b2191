-- "Other comparisons" and category lists read a category's newest tools: without this index a large
-- category is scanned and sorted on every cache miss.
CREATE INDEX IX_Tool_CategoryId_ReviewedOn ON Tool (CategoryId, ReviewedOn DESC) WHERE IsPublished = 1;
