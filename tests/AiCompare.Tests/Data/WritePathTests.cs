using AiCompare.Tests.Support;

namespace AiCompare.Tests.Data;

/// <summary>
/// Every write to what public pages show announces what it changed: it goes through Db.Write/WriteAsync
/// (which cannot commit without a Change), and the list of such write paths is the one the eviction
/// tests walk (<see cref="Web.Caching.WritePathEvictionTests"/>).
/// </summary>
public sealed class WritePathTests
{
    /// <summary>The write paths of the Data project, each exercised by the eviction tests.</summary>
    public static readonly string[] Known =
    [
        "CatalogGenerator.Generate",
        "ContentImporter.Import",
        "CriticAdminRepository.SaveAsync",
        "NewsletterRepository.CompleteIfDoneAsync",
        "ToolAdminRepository.CreateAsync",
        "ToolAdminRepository.PublishDueAsync",
        "ToolAdminRepository.SaveReviewsAsync",
        "ToolAdminRepository.ScheduleAsync",
        "ToolAdminRepository.SetPublishedAsync",
        "ToolAdminRepository.UpdateAsync",
        "VoteRepository.RecordOnPostgreSqlAsync",
        "VoteRepository.RecordOnSqlite",
    ];

    /// <summary>Writes to a public table that no public page shows, each with the reason.</summary>
    private static readonly Dictionary<string, string> NotShown = new(StringComparer.Ordinal)
    {
        ["NewsletterRepository.GetOrCreateDigestAsync"] = "a digest being sent is not in the archive until CompleteIfDoneAsync marks it sent",
        ["NewsletterRepository.TryLeaseAsync"] = "the send lease: which instance sends, never shown",
    };

    [Fact]
    public void PublicTables_AreWrittenOnlyThroughDbWrite_OrInsideATransactionItGives()
    {
        var members = DataSources.Members();
        Assert.Contains(members, m => m.Name == "ToolAdminRepository.UpdateAsync"); // the scan sees members at all

        var offenders = members
            .Where(m => DataSources.WritesPublicTable(m.Text) && !DataSources.GoesThroughWrite(m.Text) && !DataSources.TakesATransaction(m.Text))
            .Select(m => m.Name)
            .Where(n => !n.StartsWith("Migrator.", StringComparison.Ordinal) && !NotShown.ContainsKey(n));

        Assert.Empty(offenders);
    }

    [Fact]
    public void Transactions_BeginOnlyInDb_TheMigrator_OrWherePublicTablesAreNeverWritten()
    {
        foreach (var file in Directory.EnumerateFiles(DataSources.Folder, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            if (name is "Db.cs" or "Migrator.cs" || !text.Contains("BeginTransaction(", StringComparison.Ordinal)) continue;
            // Editor accounts and subscribers are written in their own transactions: no public page shows them.
            var publicWrites = DataSources.Members().Where(m => m.File + ".cs" == name && DataSources.WritesPublicTable(m.Text) && !DataSources.GoesThroughWrite(m.Text) && !NotShown.ContainsKey(m.Name));
            Assert.Empty(publicWrites);
        }
    }

    [Fact]
    public void EveryMemberThatWritesThroughDb_IsAKnownWritePath()
    {
        var writePaths = DataSources.Members().Where(m => DataSources.GoesThroughWrite(m.Text)).Select(m => m.Name).Order(StringComparer.Ordinal);

        // A new write path fails here until it is added to Known, and so to the eviction tests.
        Assert.Equal(Known, writePaths);
    }

    [Theory]
    [InlineData("        const string sql = \"UPDATE Tool SET Name = @Name WHERE Id = @Id\";", true)]
    [InlineData("INSERT INTO VoteTally (ToolId) VALUES (1)", true)]
    [InlineData("INSERT OR REPLACE INTO Critic (Slug) VALUES ('x')", true)]
    [InlineData("DELETE FROM Review WHERE ToolId = @Id", true)]
    [InlineData("UPDATE DigestSend SET Status = 'sent'", false)]
    [InlineData("INSERT INTO Subscriber (Email) VALUES (@Email)", false)]
    [InlineData("SELECT Id FROM Tool WHERE Slug = @Slug", false)]
    public void WritesPublicTable_TellsAWriteOfAPublicTable(string text, bool expected) =>
        Assert.Equal(expected, DataSources.WritesPublicTable(text));
}
