-- The address hash key now lives outside the database (Security:AddressHashKey or a key file): the
-- copy kept here would let anyone holding the database, or a backup of it, recover every stored address.
DELETE FROM SiteSecret WHERE Name = 'address-hash-key';
