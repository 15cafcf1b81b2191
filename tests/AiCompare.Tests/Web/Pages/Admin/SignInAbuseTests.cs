using System.Net;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AngleSharp.Dom;

namespace AiCompare.Tests.Web.Pages.Admin;

/// <summary>
/// Sign-in can't be turned against its owner (issue 18, findings 1–3): throttling per (account, address),
/// an account-wide budget that only slows addresses that have failed, atomic counting under parallel
/// attempts, and one password verification on every path, counted rather than timed.
/// </summary>
public sealed class SignInAbuseTests(SignInSite site) : IClassFixture<SignInSite>
{
    private const string Wrong = "not the password at all";

    [Fact]
    public async Task Lockout_AttackerFailsFromAnotherAddress_OwnerSignsInAtOnce()
    {
        const string email = "owner-1@example.com";
        await site.CreateEditorAsync(email);
        for (var i = 0; i < 12; i++) Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync("198.51.100.1", email, Wrong + i));

        Assert.Equal(HttpStatusCode.Redirect, await site.SignInAsync("203.0.113.10", email, SignInSite.Password));
        // The attacker's own address stays paused, even with the right password.
        Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync("198.51.100.1", email, SignInSite.Password));
    }

    [Fact]
    public async Task FailingAddress_GetsGrowingPauses_AndWrongGuessesDuringAPauseAreNotChecked()
    {
        const string email = "owner-2@example.com";
        var id = await site.CreateEditorAsync(email);
        const string attacker = "198.51.100.2";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await site.SignInAsync(attacker, email, Wrong);

        var pauses = new List<TimeSpan> { await PauseAsync(id) };
        var checks = site.Passwords.Checks;
        Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync(attacker, email, SignInSite.Password));
        Assert.Equal(checks, site.Passwords.Checks); // refused without looking at the password
        for (var i = 0; i < 5; i++)
        {
            // The pause is over (moved into the past in the database); the next failure pauses for longer.
            await site.ExecuteAsync("UPDATE SignInThrottle SET BlockedUntil = '2000-01-01T00:00:00.0000000+00:00' WHERE EditorId = @id", new { id });
            Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync(attacker, email, Wrong));
            pauses.Add(await PauseAsync(id));
        }

        var expected = new[] { 1, 2, 4, 8, 15, 15 };
        Assert.Equal(expected.Length, pauses.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.InRange(pauses[i].TotalMinutes, expected[i] - 0.5, expected[i] + 0.01);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    [InlineData(6, 8)]
    [InlineData(7, 15)]
    [InlineData(1000, 15)]
    public void BlockAfter_DoublesFromAMinuteUpToFifteen(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SignInThrottle.BlockAfter(failures));

    [Fact]
    public async Task AccountBudget_Spent_RefusesAddressesThatFailed_ButNotANewOne()
    {
        const string email = "owner-3@example.com";
        await site.CreateEditorAsync(email);
        for (var i = 0; i < SignInThrottle.AccountBudget; i++) await site.SignInAsync($"198.51.100.{100 + i}", email, Wrong);

        // One failure from this address, and the account is over budget: even the right password waits.
        Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync("198.51.100.100", email, SignInSite.Password));
        // An address that has not failed is never refused.
        Assert.Equal(HttpStatusCode.Redirect, await site.SignInAsync("2001:db8:5::1", email, SignInSite.Password));
    }

    [Fact]
    public async Task Race_TwentyParallelWrongFromOneAddress_ChecksAtMostTheFreeTries()
    {
        const string email = "race-1@example.com";
        var id = await site.CreateEditorAsync(email);
        var before = site.Passwords.Checks;

        var statuses = await BurstAsync(Enumerable.Range(0, 20).Select(i => ("198.51.100.20", Wrong + i)).ToList(), email);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.InRange(site.Passwords.Checks - before, 1, SignInThrottle.FreeFailures);
        Assert.Equal(SignInThrottle.FreeFailures, await site.QueryAsync<long>("SELECT COUNT(*) FROM SignInFailure WHERE EditorId = @id", new { id }));
    }

    [Fact]
    public async Task Race_TwentyAddressesInParallel_ChecksWithinTheLimits_AndAFreshAddressStillSignsIn()
    {
        const string email = "race-2@example.com";
        var id = await site.CreateEditorAsync(email);
        var before = site.Passwords.Checks;
        var attempts = Enumerable.Range(0, 20).SelectMany(a => Enumerable.Range(0, 3).Select(n => ($"198.51.100.{30 + a}", Wrong + n))).ToList();
        attempts.Insert(31, ("203.0.113.77", SignInSite.Password)); // the owner, from an address that has not failed

        var statuses = await BurstAsync(attempts, email);

        Assert.Equal(HttpStatusCode.Redirect, statuses[31]);
        Assert.Equal(attempts.Count - 1, statuses.Count(s => s == HttpStatusCode.BadRequest));
        // Each address's first try always counts (an address that has not failed is never refused); any
        // further try only while the account is under its budget. 20 + 10, out of 60 wrong guesses.
        var checkedWrong = site.Passwords.Checks - before - 1;
        Assert.InRange(checkedWrong, 20, 20 + SignInThrottle.AccountBudget);
        var perAddress = await site.QueryAsync<long>("SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM SignInFailure WHERE EditorId = @id GROUP BY AddressHash) AS PerAddress", new { id });
        Assert.InRange(perAddress, 1, SignInThrottle.FreeFailures);
        Assert.Equal(checkedWrong, await site.QueryAsync<long>("SELECT COUNT(*) FROM SignInFailure WHERE EditorId = @id", new { id }));
    }

    [Fact]
    public async Task Race_RightPasswordInABurstFromAPausedAddress_DoesNotSignIn()
    {
        const string email = "race-3@example.com";
        await site.CreateEditorAsync(email);
        const string attacker = "198.51.100.60";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await site.SignInAsync(attacker, email, Wrong);
        var before = site.Passwords.Checks;
        var attempts = Enumerable.Range(0, 19).Select(i => (attacker, Wrong + i)).ToList();
        attempts.Insert(10, (attacker, SignInSite.Password));

        var statuses = await BurstAsync(attempts, email);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(before, site.Passwords.Checks);
    }

    [Fact]
    public async Task Race_BurstAtTheLastFreeTry_ChecksOnePassword_AndSignsInOnlyIfThatWasTheRightOne()
    {
        const string email = "race-4@example.com";
        await site.CreateEditorAsync(email);
        const string address = "198.51.100.61";
        for (var i = 0; i < SignInThrottle.FreeFailures - 1; i++) await site.SignInAsync(address, email, Wrong);
        var before = site.Passwords.Checks;
        var attempts = Enumerable.Range(0, 19).Select(i => (address, Wrong + i)).ToList();
        attempts.Insert(10, (address, SignInSite.Password));

        var statuses = await BurstAsync(attempts, email);

        // One try was left: one password is checked, whichever came first; the right password signs in
        // only if it was that one, never after the address was paused. When it was, the address starts
        // afresh at that moment (the owner signed in), so guesses of the burst still queued behind it get
        // the free tries again: at most that many more checks, and none signs in.
        var checks = site.Passwords.Checks - before;
        var signedIn = Enumerable.Range(0, statuses.Length).Where(i => statuses[i] != HttpStatusCode.BadRequest).ToList();
        Assert.True(signedIn.Count == 0 || (signedIn.Count == 1 && signedIn[0] == 10 && statuses[10] == HttpStatusCode.Redirect), string.Join(", ", statuses));
        if (signedIn.Count == 0) Assert.Equal(1, checks);
        else Assert.InRange(checks, 1, 1 + SignInThrottle.FreeFailures);
    }

    [Fact]
    public async Task Timing_EveryPath_CostsExactlyOnePasswordVerification()
    {
        const string email = "timing@example.com";
        await site.CreateEditorAsync(email);
        const string paused = "198.51.100.70";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await site.SignInAsync(paused, email, Wrong);
        var overBudget = "owner-over-budget@example.com";
        await site.CreateEditorAsync(overBudget);
        for (var i = 0; i < SignInThrottle.AccountBudget; i++) await site.SignInAsync($"198.51.100.{200 + i}", overBudget, Wrong);

        var paths = new (string Name, string Address, string Email, string Password, HttpStatusCode Expected)[]
        {
            ("unknown email", "203.0.113.20", "nobody@example.com", Wrong, HttpStatusCode.BadRequest),
            ("invalid email", "203.0.113.20", "<not an email>", Wrong, HttpStatusCode.BadRequest),
            ("paused address, wrong password", paused, email, Wrong, HttpStatusCode.BadRequest),
            ("paused address, right password", paused, email, SignInSite.Password, HttpStatusCode.BadRequest),
            ("account over budget", "198.51.100.200", overBudget, SignInSite.Password, HttpStatusCode.BadRequest),
            ("wrong password", "203.0.113.21", email, Wrong, HttpStatusCode.BadRequest),
            ("right password", "203.0.113.22", email, SignInSite.Password, HttpStatusCode.Redirect),
        };
        foreach (var (name, address, who, password, expected) in paths)
        {
            var before = site.Passwords.Verifications;
            Assert.Equal(expected, await site.SignInAsync(address, who, password));
            Assert.True(site.Passwords.Verifications - before == 1, $"{name}: {site.Passwords.Verifications - before} verifications");
        }
    }

    [Fact]
    public async Task DisableThenEnable_ClearsPausesAndFailures()
    {
        const string email = "re-enabled@example.com";
        var id = await site.CreateEditorAsync(email);
        const string address = "198.51.100.80";
        for (var i = 0; i < SignInThrottle.FreeFailures; i++) await site.SignInAsync(address, email, Wrong);
        Assert.Equal(HttpStatusCode.BadRequest, await site.SignInAsync(address, email, SignInSite.Password));
        var admin = await AdminAsync("203.0.113.30");

        foreach (var action in new[] { "Disable", "Enable" })
        {
            var doc = await admin.GetDocumentAsync("/admin/editors");
            using var response = await admin.SubmitAsync(doc, "/admin/editors", $"[data-editor-id='{id}'] form[action*='Disable']");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, action);
        }

        Assert.Equal(0, await site.QueryAsync<long>("SELECT COUNT(*) FROM SignInThrottle WHERE EditorId = @id", new { id }));
        Assert.Equal(HttpStatusCode.Redirect, await site.SignInAsync(address, email, SignInSite.Password));
    }

    [Fact]
    public async Task EditorsPage_ShowsRecentFailuresPerAccount_WithoutAddresses()
    {
        const string email = "shown@example.com";
        var id = await site.CreateEditorAsync(email);
        await site.SignInAsync("198.51.100.91", email, Wrong);
        await site.SignInAsync("198.51.100.91", email, Wrong);
        await site.SignInAsync("2001:db8:91::5", email, Wrong);
        var admin = await AdminAsync("203.0.113.31");

        using var response = await admin.GetAsync("/admin/editors");
        var html = await response.Content.ReadAsStringAsync();
        var row = Html.Parse(html).One($"[data-editor-id='{id}'] [data-test=failures]");

        Assert.Equal("3", row.One("[data-test=failure-count]").Text());
        Assert.Contains("from 2 addresses", row.Text(), StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("time[datetime]"));
        Assert.DoesNotContain("198.51.100.91", html, StringComparison.Ordinal);
        Assert.DoesNotContain("2001:db8:91", html, StringComparison.Ordinal);
        var quiet = await site.CreateEditorAsync("quiet@example.com");
        var doc = await admin.GetDocumentAsync("/admin/editors");
        Assert.Equal("0", doc.One($"[data-editor-id='{quiet}'] [data-test=failure-count]").Text());
    }

    /// <summary>Prepares every attempt's form first, then posts them all at once; the statuses in order.</summary>
    private async Task<HttpStatusCode[]> BurstAsync(IReadOnlyList<(string Address, string Password)> attempts, string email)
    {
        var prepared = new List<(HttpClient Client, FormUrlEncodedContent Form)>();
        foreach (var (address, password) in attempts)
        {
            var client = site.Client(address);
            prepared.Add((client, await SignInSite.PrepareAsync(client, email, password)));
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var posts = prepared.Select(async p =>
        {
            await start.Task;
            using var response = await p.Client.PostAsync("/admin/login", p.Form);
            return response.StatusCode;
        }).ToList();
        start.SetResult();
        var statuses = await Task.WhenAll(posts);
        foreach (var (client, form) in prepared)
        {
            form.Dispose();
            client.Dispose();
        }
        return statuses;
    }

    private async Task<TimeSpan> PauseAsync(long id)
    {
        var until = await site.QueryAsync<string>("SELECT BlockedUntil FROM SignInThrottle WHERE EditorId = @id", new { id });
        return DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow;
    }

    private async Task<HttpClient> AdminAsync(string address)
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await site.CreateEditorAsync(email, AiCompare.Domain.EditorRole.Admin);
        var client = site.Client(address);
        using var response = await client.PostAsync("/admin/login", await SignInSite.PrepareAsync(client, email, SignInSite.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
