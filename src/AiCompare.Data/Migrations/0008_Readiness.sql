-- One row that the readiness probe (/readyz) updates in a short transaction: a real write, so that a full
-- disk, read-only storage or a held lock takes the node out of a load balancer. Nothing reads it.

CREATE TABLE Readiness (
    Id        INTEGER NOT NULL CONSTRAINT PK_Readiness PRIMARY KEY CHECK (Id = 1),
    CheckedAt TEXT    NOT NULL
);

INSERT INTO Readiness (Id, CheckedAt) VALUES (1, '');
