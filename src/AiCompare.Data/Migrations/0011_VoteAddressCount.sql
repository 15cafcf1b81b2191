-- How many voters each address hash has brought to each tool, kept in the same transaction as each new
-- vote, so the per-address cap reads one row instead of counting the address's votes. A vote keeps the
-- address it was first cast from (a changed vote updates only its verdict), so this equals the number of
-- Vote rows with that (ToolId, AddressHash).
CREATE TABLE VoteAddressCount (
    ToolId       INTEGER NOT NULL CONSTRAINT FK_VoteAddressCount_Tool REFERENCES Tool (Id) ON DELETE CASCADE,
    AddressHash  TEXT    NOT NULL,
    Voters       INTEGER NOT NULL,
    CONSTRAINT PK_VoteAddressCount PRIMARY KEY (ToolId, AddressHash)
);

INSERT INTO VoteAddressCount (ToolId, AddressHash, Voters)
SELECT ToolId, AddressHash, COUNT(*) FROM Vote GROUP BY ToolId, AddressHash;

-- The index served only the count this table replaces; every vote paid to keep it.
DROP INDEX IX_Vote_ToolId_AddressHash;
