using AiCompare.Data;

namespace AiCompare.Tests.Support;

/// <summary>
/// A test of SQLite itself (its query plans, its file, its locks): run when the suite runs on SQLite,
/// skipped with this reason when it runs on PostgreSQL.
/// </summary>
public sealed class SqliteSuiteFactAttribute : FactAttribute
{
    public SqliteSuiteFactAttribute()
    {
        if (SuiteDatabase.Provider != DatabaseProvider.Sqlite)
            Skip = "Checks SQLite itself (a query plan, the file, its locks); this run is on PostgreSQL.";
    }
}
