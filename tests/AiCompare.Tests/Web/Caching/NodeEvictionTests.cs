using System.Diagnostics;
using AiCompare.Data;
using AiCompare.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Caching;

/// <summary>
/// Every write path (<see cref="AiCompare.Tests.Data.WritePathTests.Known"/>) run on one node evicts, on
/// another node of the same PostgreSQL database, exactly the pages it evicts on its own
/// (<see cref="WritePathEvictionTests"/>), within a second of the write.
/// </summary>
public sealed class NodeEvictionTests
{
    public static TheoryData<string> WritePaths() => WritePathEvictionTests.WritePaths();

    [PostgresTheory]
    [MemberData(nameof(WritePaths))]
    public async Task WritePathOnOneNode_EvictsExactlyThePagesShowingWhatChanged_OnTheOther(string writePath)
    {
        using var writer = AdminSite.On(SiteFactory.OnPostgreSql());
        var adminId = WritePathEvictionTests.Prepare(writer);
        using var reader = writer.Factory.AnotherNode();
        await NodeCoherenceTests.ListeningAsync(writer.Factory, reader);
        var client = reader.Client();
        foreach (var page in WritePathEvictionTests.Pages) await WritePathEvictionTests.GetAsync(client, page);
        foreach (var page in WritePathEvictionTests.Pages) Assert.True(await WritePathEvictionTests.IsCachedAsync(client, page), $"{page} was not cached before the write");
        // Notifications arrive in commit order: once the reader has this one, it has taken every change before it.
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reader.Services.GetRequiredService<Db>().Changes.Subscribe(c =>
        {
            if (c is Change.Voted { Tools.Count: 0 }) marker.TrySetResult();
        });

        var expectedKept = await WritePathEvictionTests.WriteAsync(writer, adminId, writePath);
        var clock = Stopwatch.StartNew();
        using (var connection = SuiteDatabase.Open(writer.Factory.ConnectionString))
        {
            connection.Execute("SELECT pg_notify(@Channel, @Payload)", new { ChangeWire.Channel, Payload = ChangeWire.Write("marker", new Change.Voted([])).Single() });
        }
        await marker.Task.WaitAsync(TimeSpan.FromSeconds(1));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1));

        var kept = new List<string>();
        foreach (var page in WritePathEvictionTests.Pages)
        {
            if (await WritePathEvictionTests.IsCachedAsync(client, page)) kept.Add(page);
        }
        Assert.Equal(expectedKept.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
    }
}
