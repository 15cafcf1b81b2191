namespace AiCompare.Data;

/// <summary>The site's database: SQLite, the embedded default, or PostgreSQL, shared by any number of nodes.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
