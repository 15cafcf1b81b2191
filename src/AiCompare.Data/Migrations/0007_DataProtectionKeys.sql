-- ASP.NET Core Data Protection's key ring (it signs the admin sign-in and antiforgery cookies), kept here
-- so that a restart or a second instance reads the same keys instead of signing every editor out.
-- The XML is stored as the framework writes it, unencrypted: the database already holds the site's secrets.

CREATE TABLE DataProtectionKey (
    Id           INTEGER NOT NULL CONSTRAINT PK_DataProtectionKey PRIMARY KEY,
    FriendlyName TEXT    NOT NULL,                       -- the framework's name for the key, "key-<guid>"
    Xml          TEXT    NOT NULL,
    CreatedAt    TEXT    NOT NULL,
    CONSTRAINT UX_DataProtectionKey_FriendlyName UNIQUE (FriendlyName)
);
