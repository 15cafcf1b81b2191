using AiCompare.Data;
using AiCompare.Domain;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Votes;
using Dapper;

namespace AiCompare.Tests.Web.Pages.Votes;

/// <summary>The board on its own: bounded, fed by announcements, never overwritten by an older load.</summary>
public sealed class TallyBoardTests : IDisposable
{
    private static readonly string[] Tools = ["smolvlm2", "mistral-code", "smolvlm2-2b", "mercury-edit-2"];
    private readonly TempDirectory _temp = new();
    private readonly Db _db;
    private readonly VoteRepository _votes;

    public TallyBoardTests()
    {
        _db = new Db(_temp.ConnectionString);
        new Migrator(_db).Migrate();
        new ContentImporter(_db, new Markdown()).Import(TestPaths.Content);
        _votes = new VoteRepository(_db);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Board_HoldsNoMoreThanItsCapacity_AndStillAnswersEveryTool()
    {
        var board = new TallyBoard(_db, _votes, capacity: 3, TimeSpan.FromMinutes(10));

        var first = await board.GetAsync(Tools[..3]);
        var more = await board.GetAsync(Tools[1..]);

        Assert.Equal(3, first.Count);
        Assert.Equal(3, more.Count);
        Assert.InRange(board.Count, 1, 3);
    }

    [Fact]
    public async Task Board_TakesCommittedTalliesFromTheAnnouncement_WithoutAQuery()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.FromMinutes(10));
        Assert.Equal(CommunityTally.None, (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);

        await _votes.RecordBatchAsync([new VoteRequest("smolvlm2", "v1", "a", ReviewVerdict.Ship, 5), new VoteRequest("smolvlm2", "v2", "b", ReviewVerdict.Skip, 5)]);
        // Behind the board's back: only the announcement can have told it.
        using (var connection = _db.Open()) connection.Execute("UPDATE VoteTally SET Ships = 99");

        Assert.Equal(new CommunityTally(1, 1), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
    }

    [Fact]
    public async Task Board_UnknownOrUnpublishedTools_AreLeftOut_AndAToolChangeDropsItsEntry()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.FromMinutes(10));
        Assert.Equal(["smolvlm2"], (await board.GetAsync(["smolvlm2", "no-such-tool"])).Keys);

        using (var connection = _db.Open()) connection.Execute("UPDATE Tool SET IsPublished = 0 WHERE Slug = 'smolvlm2'");
        _db.Changes.Announce(new Change.ToolsChanged(["smolvlm2"], ["developer-tools"]));

        Assert.Empty(await board.GetAsync(["smolvlm2"]));
    }

    [Fact]
    public async Task Board_ExpiredEntries_AreReadAgain()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.Zero);
        await board.GetAsync(["smolvlm2"]);

        using (var connection = _db.Open()) connection.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) SELECT Id, 3, 1 FROM Tool WHERE Slug = 'smolvlm2'");

        Assert.Equal(new CommunityTally(3, 1), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
    }

    [Fact]
    public async Task Offer_FromARead_IsAnsweredWithoutAQuery()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.FromMinutes(10));
        board.Offer("smolvlm2", new CommunityTally(7, 3), board.Sequence);
        // Behind the board's back: a query would find these.
        using (var connection = _db.Open()) connection.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) SELECT Id, 99, 99 FROM Tool WHERE Slug = 'smolvlm2'");

        Assert.Equal(new CommunityTally(7, 3), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
    }

    [Fact]
    public async Task Offer_ReadBeforeAVoteWasAnnounced_LeavesTheVotesTally()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.FromMinutes(10));
        var readSince = board.Sequence;
        await _votes.RecordBatchAsync([new VoteRequest("smolvlm2", "v1", "a", ReviewVerdict.Ship, 5)]);

        // What a read that began before the vote committed may have found: no votes.
        board.Offer("smolvlm2", CommunityTally.None, readSince);

        Assert.Equal(new CommunityTally(1, 0), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
        // A read that began after the vote is newer than it, and is taken.
        board.Offer("smolvlm2", new CommunityTally(2, 0), board.Sequence);
        Assert.Equal(new CommunityTally(2, 0), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
    }

    [Fact]
    public async Task Offer_ReadBeforeTheBoardForgotEntries_IsRefused()
    {
        var board = new TallyBoard(_db, _votes, capacity: 100, TimeSpan.FromMinutes(10));
        var readSince = board.Sequence;
        _db.Changes.Announce(new Change.ToolsChanged(["mistral-code"], ["developer-tools"]));
        using (var connection = _db.Open()) connection.Execute("INSERT INTO VoteTally (ToolId, Ships, Skips) SELECT Id, 4, 2 FROM Tool WHERE Slug = 'smolvlm2'");

        // The board no longer knows what it may have held before: the database answers, not the old read.
        board.Offer("smolvlm2", CommunityTally.None, readSince);

        Assert.Equal(new CommunityTally(4, 2), (await board.GetAsync(["smolvlm2"]))["smolvlm2"]);
    }

    [Fact]
    public async Task Offer_ToAFullBoard_IsLeftOut()
    {
        var board = new TallyBoard(_db, _votes, capacity: 1, TimeSpan.FromMinutes(10));
        board.Offer("smolvlm2", new CommunityTally(7, 3), board.Sequence);
        board.Offer("mistral-code", new CommunityTally(8, 8), board.Sequence);

        Assert.Equal(1, board.Count);
        Assert.Equal(CommunityTally.None, (await board.GetAsync(["mistral-code"]))["mistral-code"]);
    }
}
