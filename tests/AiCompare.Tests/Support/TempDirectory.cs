using Microsoft.Data.Sqlite;

namespace AiCompare.Tests.Support;

/// <summary>A scratch folder for one test: a database file, a content folder. Deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aicompare-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabaseFile => System.IO.Path.Combine(Path, "test.db");

    public string ConnectionString => $"Data Source={DatabaseFile}";

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the OS temp cleaner gets it later.
        }
    }
}
