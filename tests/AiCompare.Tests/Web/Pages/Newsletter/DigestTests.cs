using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiCompare.Data;
using AiCompare.Tests.Support;
using AiCompare.Web.Pages.Newsletter;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace AiCompare.Tests.Web.Pages.Newsletter;

/// <summary>The weekly digest: its content, once per week, at most once per recipient, one sender at a time.</summary>
public sealed class DigestTests : IDisposable
{
    // Seed reviews: mistral-medium-3 on 2026-05-26, mistral-4b-edge on 2026-05-07; Monday 2026-06-01 08:00 covers 25 May to 1 June.
    private static readonly DateTimeOffset Slot = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly SiteFactory _site;

    public DigestTests() : this(new Dictionary<string, string>())
    {
    }

    private DigestTests(Dictionary<string, string> settings)
    {
        settings["Site:BaseUrl"] = "https://aicompare.example";
        _site = SiteFactory.WithSettings(settings);
        _ = _site.Server;
    }

    public void Dispose() => _site.Dispose();

    private Digests Digests => _site.Services.GetRequiredService<Digests>();

    private long Subscriber(string email, string status = "confirmed")
    {
        using var connection = SuiteDatabase.Open(_site.ConnectionString);
        return connection.ExecuteScalar<long>("""
            INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES (@Email, @Status, '2026-01-01', '2026-01-01') RETURNING Id
            """, new { Email = email, Status = status });
    }

    [Fact]
    public void Schedule_LatestSlot_IsTheLastMondayEightUtcAtOrBeforeNow()
    {
        var schedule = new DigestSchedule(DayOfWeek.Monday, new TimeOnly(8, 0));

        Assert.Equal(Slot, schedule.LatestSlot(Slot));
        Assert.Equal(Slot.AddDays(-7), schedule.LatestSlot(Slot.AddMinutes(-1)));
        Assert.Equal(Slot, schedule.LatestSlot(new DateTimeOffset(2026, 6, 3, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal(Slot, schedule.LatestSlot(new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)))); // 08:00 UTC
    }

    [Fact]
    public async Task Compose_KnownWeek_ListsThatWeeksVerdictsWithSplitAndLinksAndTheComparisonOfTheWeek()
    {
        var (subject, text, html) = await Digests.ComposeAsync(Slot);

        Assert.Equal("Weekly AI Tool Verdicts: 1 new verdict, week of 1 June 2026", subject);
        Assert.Contains("Mistral Medium 3\nShip · 3 ship / 1 skip · avg 73/100\n", text, StringComparison.Ordinal);
        Assert.Contains("\nhttps://aicompare.example/tools/mistral-medium-3\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mistral 4B Edge", text, StringComparison.Ordinal); // reviewed three weeks earlier
        Assert.Contains("COMPARISON OF THE WEEK", text, StringComparison.Ordinal);
        Assert.Contains("https://aicompare.example/compare/mistral-medium-3-vs-smolvlm2-2b", text, StringComparison.Ordinal);
        Assert.Contains("href=\"https://aicompare.example/tools/mistral-medium-3\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_EveryConfirmedSubscriberOnceWithTheirOwnUnsubscribeLink_ThenNeverAgain()
    {
        Subscriber("a@example.com");
        Subscriber("b@example.com");
        Subscriber("pending@example.com", "pending");
        Subscriber("gone@example.com", "unsubscribed");

        var digest = await Digests.SendAsync(Slot);
        await Digests.SendAsync(Slot);
        await Digests.SendAsync(Slot);

        Assert.Equal("sent", digest.Status);
        var sent = Eml.ReadAll(_site.Outbox);
        Assert.Equal(2, sent.Count);
        Assert.Equal(["a@example.com", "b@example.com"], sent.Select(e => e.To.Trim('<', '>')).Order(StringComparer.Ordinal));
        Assert.NotEqual(sent[0].Headers["List-Unsubscribe"], sent[1].Headers["List-Unsubscribe"]);
        Assert.All(sent, e => Assert.Contains("Mistral Medium 3", e.Text, StringComparison.Ordinal));
        Assert.All(sent, e => Assert.Contains("Unsubscribe", e.Html, StringComparison.Ordinal));
        var archive = await _site.Client().GetDocumentAsync("/newsletter/archive");
        Assert.Equal("Weekly AI Tool Verdicts: 1 new verdict, week of 1 June 2026", archive.One("[data-test=archive] a").Text());
        var issue = await _site.Client().GetDocumentAsync("/newsletter/archive/2026-06-01");
        Assert.Contains("Mistral Medium 3", issue.One("[data-test=digest]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrashMidSend_ResumeSendsTheRestAndNobodyTwice()
    {
        var a = Subscriber("a@example.com");
        var b = Subscriber("b@example.com");
        Subscriber("c@example.com");
        var repository = _site.Services.GetRequiredService<NewsletterRepository>();
        var digest = await repository.GetOrCreateDigestAsync("2026-06-01", () => ("s", "t", "h"));
        // The crashed run: a was claimed but the process died before or after the SMTP call; b was sent.
        await repository.MarkSendingAsync(digest.Id, a);
        await repository.MarkSendingAsync(digest.Id, b);
        await repository.MarkSentAsync(digest.Id, b);

        var resumed = await Digests.SendAsync(Slot);

        Assert.Equal("sent", resumed.Status);
        var sent = Eml.ReadAll(_site.Outbox);
        Assert.Equal("c@example.com", Assert.Single(sent).To.Trim('<', '>'));
        Assert.Contains(await repository.SendLogAsync(digest.Id), r => r.SubscriberId == a && r.Status == "sending");
        Assert.Contains(_site.Logs, l => l.Contains("1 recipient(s) were being sent to when a run stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherInstanceHoldingTheLease_NothingIsSentHere()
    {
        Subscriber("a@example.com");
        var repository = _site.Services.GetRequiredService<NewsletterRepository>();
        var digest = await repository.GetOrCreateDigestAsync("2026-06-01", () => ("s", "t", "h"));
        Assert.True(await repository.TryLeaseAsync(digest.Id, "other-instance", TimeSpan.FromMinutes(5)));

        var result = await Digests.SendAsync(Slot);

        Assert.Equal("sending", result.Status);
        Assert.Empty(Eml.ReadAll(_site.Outbox));
    }

    [Fact]
    public async Task TwoSendersAtOnce_EachRecipientGetsOneCopy()
    {
        for (var i = 0; i < 20; i++) Subscriber($"r{i}@example.com");

        await Task.WhenAll(Task.Run(() => Digests.SendAsync(Slot)), Task.Run(() => Digests.SendAsync(Slot)));

        var recipients = Eml.ReadAll(_site.Outbox).Select(e => e.To).ToList();
        Assert.Equal(20, recipients.Count);
        Assert.Equal(20, recipients.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task NoConfirmedSubscribers_NoDigestIsMade()
    {
        Subscriber("pending@example.com", "pending");

        await Digests.SendAsync(Slot);

        Assert.Null(await _site.Services.GetRequiredService<NewsletterRepository>().DigestAsync("2026-06-01"));
        Assert.Equal("No issues yet. The first one goes out on the next Monday with new verdicts.", (await _site.Client().GetDocumentAsync("/newsletter/archive")).One("[data-test=archive-empty]").Text());
    }

    [Fact]
    public async Task ArchiveWeek_UnknownOrJunk_Is404()
    {
        await _site.Client().GetDocumentAsync("/newsletter/archive/2020-01-06", expectedStatus: 404);
        await _site.Client().GetDocumentAsync("/newsletter/archive/not-a-date", expectedStatus: 404);
    }

    /// <summary>Failures against an SMTP port that refuses connections are recorded and retried later.</summary>
    public sealed class FailingSmtp : IDisposable
    {
        private readonly SiteFactory _site = SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        public void Dispose() => _site.Dispose();

        [Fact]
        public async Task Send_SmtpDown_RecordsFailureWithBackoffAndKeepsTheDigestOpen()
        {
            _ = _site.Server;
            using (var connection = SuiteDatabase.Open(_site.ConnectionString))
                connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('a@example.com', 'confirmed', '2026-01-01', '2026-01-01')");

            var digest = await _site.Services.GetRequiredService<Digests>().SendAsync(Slot);

            Assert.Equal("sending", digest.Status);
            var log = await _site.Services.GetRequiredService<NewsletterRepository>().SendLogAsync(digest.Id);
            Assert.Equal(("failed", 1), (log.Single().Status, log.Single().Attempts));
            Assert.Contains(_site.Logs, l => l.Contains("failed (attempt 1 of 5)", StringComparison.Ordinal));
            // The next run does not hammer the server: the retry waits for its backoff.
            await _site.Services.GetRequiredService<Digests>().SendAsync(Slot);
            Assert.Equal(1, (await _site.Services.GetRequiredService<NewsletterRepository>().SendLogAsync(digest.Id)).Single().Attempts);
        }
    }

    /// <summary>Delivery to a real SMTP server on loopback: Debian's aiosmtpd, writing to a Maildir.</summary>
    public sealed class RealSmtp : IDisposable
    {
        private readonly TempDirectory _temp = new();
        private readonly int _port = ClosedPort();
        private Process? _server;

        public void Dispose()
        {
            if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
            _server?.Dispose();
            _temp.Dispose();
        }

        private async Task<string> StartServerAsync()
        {
            Assert.True(File.Exists(SmtpServerFactAttribute.Server), "python3-aiosmtpd is not installed");
            var maildir = _temp.Combine("maildir");
            _server = Process.Start(new ProcessStartInfo(SmtpServerFactAttribute.Server, ["-n", "-l", $"127.0.0.1:{_port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            await WaitForPortAsync(_port);
            return maildir;
        }

        private SiteFactory Site() => SiteFactory.WithSettings(new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Site:BaseUrl"] = "https://aicompare.example",
            ["Newsletter:From"] = "Weekly Desk <desk@mail.aicompare.example>",
        });

        private static async Task<IReadOnlyList<Eml>> ArrivedAsync(string maildir, int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var inbox = Path.Combine(maildir, "new");
            while (!Directory.Exists(inbox) || Directory.EnumerateFiles(inbox).Count() < count)
            {
                Assert.True(DateTime.UtcNow < deadline, "no mail arrived at the SMTP server");
                await Task.Delay(100);
            }
            return [.. Directory.EnumerateFiles(inbox).Select(f => Eml.Parse(File.ReadAllText(f)))];
        }

        [SmtpServerFact]
        public async Task Digest_ThroughSmtp_FromTheSettingWithAMessageIdOfItsOwnPerRecipient()
        {
            var maildir = await StartServerAsync();
            using var site = Site();
            _ = site.Server;
            using (var connection = SuiteDatabase.Open(site.ConnectionString))
                connection.Execute("INSERT INTO Subscriber (Email, Status, CreatedAt, UpdatedAt) VALUES ('a@example.com', 'confirmed', '2026-01-01', '2026-01-01'), ('b@example.com', 'confirmed', '2026-01-01', '2026-01-01')");

            await site.Services.GetRequiredService<Digests>().SendAsync(Slot);

            var sent = await ArrivedAsync(maildir, 2);
            Assert.Equal(2, sent.Count);
            Assert.All(sent, e => Assert.Equal("\"Weekly Desk\" <desk@mail.aicompare.example>", e.Headers["From"]));
            Assert.All(sent, e => Assert.Matches(@"^<[0-9a-f]{32}@mail\.aicompare\.example>$", e.Headers["Message-ID"]));
            Assert.NotEqual(sent[0].Headers["Message-ID"], sent[1].Headers["Message-ID"]);
            Assert.All(sent, e => Assert.Equal("en", Html.Parse(e.Html).DocumentElement.GetAttribute("lang")));
            Assert.All(sent, e => Assert.Contains("REVIEWED THIS WEEK", e.Text, StringComparison.Ordinal));
        }

        [SmtpServerFact]
        public async Task Signup_ConfirmationEmailArrivesThroughSmtp()
        {
            var maildir = await StartServerAsync();
            using var site = Site();

            using var response = await site.Client().SubmitAsync("/", "form[data-test=signup-form]", new Dictionary<string, string?>
            {
                ["email"] = "smtp-reader@example.com",
                ["t"] = DateTimeOffset.UtcNow.AddSeconds(-30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            var message = Assert.Single(await ArrivedAsync(maildir, 1));
            Assert.Contains("smtp-reader@example.com", message.To, StringComparison.Ordinal);
            Assert.Contains("/newsletter/confirm?token=", message.Text, StringComparison.Ordinal);
            Assert.Contains("/newsletter/confirm?token=", message.Html, StringComparison.Ordinal);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Equal("\"Weekly Desk\" <desk@mail.aicompare.example>", message.Headers["From"]);
            Assert.Matches(@"^<[0-9a-f]{32}@mail\.aicompare\.example>$", message.Headers["Message-ID"]);
            Assert.Empty(Eml.ReadAll(site.Outbox));
        }

        private static async Task WaitForPortAsync(int port)
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    return;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>A test that needs Debian's aiosmtpd: skipped on a developer machine without it, never in CI.</summary>
public sealed class SmtpServerFactAttribute : FactAttribute
{
    public const string Server = "/usr/bin/aiosmtpd";

    public SmtpServerFactAttribute()
    {
        if (!File.Exists(Server) && Environment.GetEnvironmentVariable("CI") is null)
            Skip = "Debian's python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd); CI installs it and runs this test.";
    }
}
