-- Editors' drafts can be scheduled: the background publisher publishes a draft once PublishAt (UTC,
-- the site's date text) has passed. Published tools never carry one.
ALTER TABLE Tool ADD COLUMN PublishAt TEXT NULL;
CREATE INDEX IX_Tool_PublishAt ON Tool (PublishAt) WHERE PublishAt IS NOT NULL;

-- A refused save names who saved the tool last, and when: its newest audit entry.
CREATE INDEX IX_AuditLog_Subject ON AuditLog (Subject, At DESC, Id DESC);
