using System.Collections.Concurrent;
using System.Net;
using AiCompare.Tests.Support;
using Dapper;

namespace AiCompare.Tests.Web.Hosting.MultiNode;

/// <summary><c>kill -9</c> of one node under vote load through nginx: no acknowledged vote is lost, and the other node serves on.</summary>
public sealed class NodeKillTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private static readonly string[] Tools = ["smolvlm2", "mistral-code", "mercury-edit-2"];

    [MultiNodeFact]
    public async Task KillingOneNodeDuringVoteLoad_LosesNoAcknowledgedVote_AndTheOtherNodeServesOn()
    {
        var acknowledged = new ConcurrentBag<(string Tool, string Voter)>();
        var acknowledgedAfterKill = 0;
        var refused = new ConcurrentBag<string>();
        var killed = false;
        using var stop = new CancellationTokenSource();
        // Four readers voting through nginx, each from an address of its own, each vote a new voter.
        var load = Enumerable.Range(2, 4).Select(n => Task.Run(async () =>
        {
            using var client = nodes.ThroughNginx($"127.0.0.{n}");
            var i = 0;
            while (!stop.IsCancellationRequested)
            {
                var voter = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                var tool = Tools[i++ % Tools.Length];
                using var request = TwoNodes.Vote(tool, "ship", nodes.Nginx.Address);
                request.Headers.Add("Cookie", $"{AiCompare.Web.Pages.Votes.VoteEndpoints.CookieName}={voter}");
                var afterKill = Volatile.Read(ref killed);
                try
                {
                    using var response = await client.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.SeeOther)
                    {
                        acknowledged.Add((tool, voter));
                        if (afterKill) Interlocked.Increment(ref acknowledgedAfterKill);
                    }
                    else refused.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
                catch (HttpRequestException e)
                {
                    refused.Add(e.Message);
                }
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(3));
        var beforeKill = acknowledged.Count;
        nodes.A.Dispose(); // SIGKILL, by process id, mid-load
        Volatile.Write(ref killed, true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(beforeKill > 20, $"only {beforeKill} votes were acknowledged before the kill\n{nodes.Output}");
        Assert.True(acknowledgedAfterKill > 20, $"only {acknowledgedAfterKill} votes were acknowledged after the kill; refused: {string.Join(", ", refused.Take(10))}\n{nodes.Output}");
        // Every acknowledged vote is stored (a vote in flight when the node died may be stored without its answer).
        using (var connection = SuiteDatabase.Open(nodes.ConnectionString))
        {
            var stored = connection.Query<(string Slug, string VoterId)>("SELECT t.Slug, v.VoterId FROM Vote v JOIN Tool t ON t.Id = v.ToolId").ToHashSet();
            var lost = acknowledged.Where(v => !stored.Contains(v)).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged votes are not stored");
            var tallies = connection.Query<(string Slug, long Ships)>("SELECT t.Slug, v.Ships FROM VoteTally v JOIN Tool t ON t.Id = v.ToolId").ToDictionary(t => t.Slug, t => t.Ships);
            foreach (var tool in Tools) Assert.Equal(stored.Count(v => v.Slug == tool), tallies.GetValueOrDefault(tool));
        }
        // The other node answers every page through nginx.
        using var reader = nodes.ThroughNginx("127.0.0.9");
        foreach (var page in new[] { "/", "/tools/smolvlm2", "/compare/mercury-edit-2-vs-smolvlm2", "/categories/developer-tools", "/search?q=mistral" })
        {
            using var response = await reader.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode} after the kill");
        }
    }
}
