using System.Diagnostics;
using Microsoft.Data.Sqlite;

// The ceilings the benchmark measures the site against (not part of the site):
//   Baseline <captured-page.html> --urls …   serves one captured response body from memory on every request ("B");
//   Baseline insert <database> <seconds>     durable single-row SQLite inserts, one per transaction, for that long.
const string Usage = "usage: Baseline <captured-page.html> [--urls …] | Baseline insert <database> <seconds>";
if (args is ["insert", ..])
{
    if (args is [_, var database, var text] && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        return RawInsert(database, seconds);
    Console.Error.WriteLine(Usage + " (seconds: a positive number)");
    return 2;
}
if (args.Length == 0 || !File.Exists(args[0]))
{
    Console.Error.WriteLine(args.Length == 0 ? Usage : $"{args[0]}: no such file. {Usage}");
    return 2;
}

var body = await File.ReadAllBytesAsync(args[0]);
var builder = WebApplication.CreateSlimBuilder(args[1..]);
builder.Logging.ClearProviders();
var app = builder.Build();
app.Run(async context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync();
return 0;

// The same settings the site's vote writer uses (WAL, synchronous=FULL: every commit is on disk), and a
// row of the same shape as a vote, but nothing else: no HTTP, no lookups, no batching.
static int RawInsert(string path, double seconds)
{
    using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
    connection.Open();
    using (var setup = connection.CreateCommand())
    {
        setup.CommandText = """
            PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS RawVote (ToolId INTEGER NOT NULL, VoterId TEXT NOT NULL, AddressHash TEXT NOT NULL,
                Verdict TEXT NOT NULL, CreatedAt TEXT NOT NULL, PRIMARY KEY (ToolId, VoterId)) WITHOUT ROWID;
            """;
        setup.ExecuteNonQuery();
    }
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO RawVote (ToolId, VoterId, AddressHash, Verdict, CreatedAt) VALUES ($tool, $voter, $address, 'ship', $at)";
    var tool = insert.Parameters.Add("$tool", SqliteType.Integer);
    var voter = insert.Parameters.Add("$voter", SqliteType.Text);
    insert.Parameters.AddWithValue("$address", new string('a', 32));
    insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
    insert.Prepare();
    var watch = Stopwatch.StartNew();
    var rows = 0;
    while (watch.Elapsed.TotalSeconds < seconds)
    {
        tool.Value = rows % 100_000;
        voter.Value = Guid.NewGuid().ToString("N");
        insert.ExecuteNonQuery();
        rows++;
    }
    Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rows / watch.Elapsed.TotalSeconds:0}"));
    return 0;
}
